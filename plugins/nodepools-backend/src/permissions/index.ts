export { nodepoolResourceRef } from './resource';
export { nodepoolRules } from './rules';
export { nodepoolConditions, createNodepoolConditionalDecision } from './conditions';
export { registerNodepoolPermissions } from './registerPermissions';
export { PoolAccess, type Caller } from './PoolAccess';
export type { PoolReader } from './PoolReader';
export { restrictionOf, scopeCovers, type PoolScope } from './poolScope';
