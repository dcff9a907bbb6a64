export { analyzePendingPods } from './analyze';
export { analyzePendingPodsNaive } from './naive';
export type { NaiveReport, NaiveVerdict } from './naive';
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
export { toleratesTaint, untoleratedTaints, checkTaints } from './checks/taints';
export { checkNodeAffinity, compileNodeAffinity, matchesRequirement } from './checks/nodeAffinity';
export { checkResources, shortResources } from './checks/resources';
export { podRequests, parseResourceList, FieldError } from './read';
export type { ResourceMap } from './read';
