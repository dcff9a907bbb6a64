/**
 * Backend plugin that inventories Kubernetes node pools across clouds.
 *
 * @packageDocumentation
 */
export { nodepoolsPlugin as default } from './plugin';
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
