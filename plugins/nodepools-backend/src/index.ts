/**
 * Backend plugin that inventories Kubernetes node pools across clouds.
 *
 * @packageDocumentation
 */
export { nodepoolsPlugin as default } from './plugin';
export type { PoolSource, ScopeListing, ObservedPool } from './sources/types';
export {
  nodepoolsSourcesExtensionPoint,
  type NodePoolsSourcesExtensionPoint,
} from './extensions';
