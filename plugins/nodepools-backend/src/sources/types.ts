/**
 * The source types live in `@nodepools/plugin-nodepools-node`, so backend
 * modules can implement sources without depending on this plugin.
 */
export type {
  AttributedObservedPool,
  ClusterPoolIdentity,
  ObservedClusterListing,
  ObservedPool,
  ObservingSource,
  PoolSource,
  ScopeListing,
  SourceListOptions,
} from '@nodepools/plugin-nodepools-node';
