export { analyzePendingPods } from './analyze';
export * from './types';
export type * from './kube';
export {
  POOL_LABEL_KEYS,
  POOL_LABEL_PROVIDER,
  FALLBACK_POOL_LABEL_KEYS,
  UNPOOLED,
  poolOfNodeLabels,
} from './labels';
export { TriageInputError } from './read';
export { parseSchedulerMessage } from './schedulerMessage';
export { IP_EXHAUSTION_PATTERNS } from './ipExhaustion';
export { toleratesTaint, untoleratedTaints } from './checks/taints';
export { matchesRequirement } from './checks/nodeAffinity';
export { podRequests, parseResourceList, FieldError } from './read';
export type { ResourceMap } from './read';
export {
  compactTriageReport,
  expandPodVerdicts,
  expandSignatureVerdicts,
  expandTriageReport,
  explainedSignatureVerdicts,
  isCompactTriageReport,
  readTriageReport,
  signaturesById,
} from './report';
export { analyzeClusterInput } from './analyze';
export { fitCounts, fitDigit, fitsAt, fitsSomewhereAfterScaleUp } from './fits';
export { MIN_EXPLAINED_PER_SIGNATURE } from './explainShare';
export { DEFAULT_MAX_EXPLAINED, TriageLimitError, checkLimit } from './limits';
export type { TriageLimitName, TriageLimits } from './limits';
export { TRIAGE_BODY_FIELDS, TriageBodyError, TriageBodyReader } from './stream/bodyReader';
export { BodySyntaxError } from './stream/bodySplitter';
export { encodeReport, serveTriageAnalysis } from './stream/analysisSession';
export type {
  AnalysisPort,
  AnalysisReply,
  AnalysisRequest,
  AnalysisSettings,
  TriageReportSummary,
} from './stream/analysisSession';
