export * from './types';
export { FINDING_STATES, GOVERNANCE_EXPORT_KINDS, GOVERNANCE_EXPORT_FORMATS } from './api';
export type {
  FindingState,
  FindingQuery,
  FindingsPage,
  FindingsSummary,
  AcknowledgeFindingBody,
  CostQuery,
  CostsResponse,
  GovernancePoolQuery,
  GovernancePoolsResponse,
  ReviewPool,
  OwnerReview,
  ConfirmReviewBody,
  ConfirmReviewResponse,
  UpgradeStep,
  UpgradePlan,
  GovernanceExportKind,
  GovernanceExportFormat,
} from './api';
export { governanceFindingId } from './findingId';
export { evaluateGovernance, governanceCost, poolCapacity, compareFindings } from './evaluate';
export type { EvaluateOptions } from './evaluate';
export { RULES as GOVERNANCE_RULE_MODULES, governanceRule, mixedWorkloadsOf } from './rules';
export type { GovernanceRule, MixedWorkloads } from './rules';
export { createRuleContext } from './context';
export type { RuleContext, PoolFacts } from './context';
export { groupClusters, clusterUnschedulable } from './clusters';
export type { ClusterGroup } from './clusters';
export { SYSTEM_NAMESPACES, SYSTEM_NAMESPACE_PREFIXES, isSystemNamespace, splitWorkloads } from './namespaces';
export type { WorkloadSplit } from './namespaces';
export { specialisation, repellingTaints, HIGH_MEMORY_MIB_PER_VCPU } from './poolFacts';
export type { Specialisation, SpecialisationKind } from './poolFacts';
export {
  poolSuggestions,
  RIGHT_SIZE_HEADROOM,
  LOW_UTILIZATION,
  HIGH_UTILIZATION,
  TARGET_UTILIZATION,
} from './suggestions';
export type { SuggestionInput } from './suggestions';
export { ipHeadroom } from './ipHeadroom';
export { upgradePosture, surgeSettings, noSurge, supportCalendarOf, UNSCHEDULABLE_TAINT } from './upgrade';
export { upgradePlan } from './upgradePlan';
export type { UpgradePlanOptions } from './upgradePlan';
export { endOfSupport, END_OF_SUPPORT_MINORS } from './data/endOfSupport';
export type { EndOfSupportRow } from './data/endOfSupport';
export { rollupCosts, dailyOwnerRollups, TOTAL_KEY } from './rollup';
export {
  toCsv,
  neutralizeFormula,
  exportRows,
  exportCsv,
  POOL_EXPORT_COLUMNS,
  FINDING_EXPORT_COLUMNS,
  COST_EXPORT_COLUMNS,
} from './export';
export type { ExportCell, ExportColumn, ExportData, ExportRow } from './export';
export {
  findingState,
  matchesFinding,
  filterFindings,
  matchesGovernancePool,
  filterGovernancePools,
  clusterMatches,
} from './filters';
export type { FindingFilter } from './filters';
