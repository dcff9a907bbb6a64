/**
 * What backend modules of the nodepools plugin build on: the sources
 * extension point and the types of a pool source.
 *
 * @packageDocumentation
 */
export {
  nodepoolsSourcesExtensionPoint,
  type NodePoolsSourcesExtensionPoint,
} from './extensions';
export type {
  AttributedObservedPool,
  ClusterPoolIdentity,
  ObservedClusterListing,
  ObservedPool,
  ObservingSource,
  PoolSource,
  ScopeListing,
  SourceListOptions,
} from './sources';
export {
  nodepoolsDesiredStateExtensionPoint,
  type NodePoolsDesiredStateExtensionPoint,
  type DesiredStateListing,
  type DesiredStateSource,
} from './desiredState';
