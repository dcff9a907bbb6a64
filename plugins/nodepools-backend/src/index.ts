/**
 * Backend plugin that inventories Kubernetes node pools across clouds.
 *
 * @packageDocumentation
 */
export { nodepoolsPlugin as default } from './plugin';
/** For permission policies: conditions on node pools and the rules behind them. */
export {
  createNodepoolConditionalDecision,
  nodepoolConditions,
  nodepoolResourceRef,
  nodepoolRules,
} from './permissions';
/**
 * Also exported by `@nodepools/plugin-nodepools-node`, where backend modules
 * should import them from; kept here so existing imports keep working.
 */
export type {
  ObservedPool,
  ObservingSource,
  PoolSource,
  ScopeListing,
} from './sources/types';
export {
  nodepoolsSourcesExtensionPoint,
  type NodePoolsSourcesExtensionPoint,
} from './extensions';
