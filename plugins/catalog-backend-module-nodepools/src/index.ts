/**
 * Catalog backend module that publishes the node pools of the nodepools
 * backend as catalog Resources of type `node-pool`, with their clusters.
 *
 * @packageDocumentation
 */
export { catalogModuleNodePools as default } from './module';
export { NodePoolsEntityProvider } from './provider/NodePoolsEntityProvider';
export type { RefreshSummary } from './provider/NodePoolsEntityProvider';
export type { NodePoolsProviderConfig, PoolFilters } from './provider/config';
export { assignNames, slugify, MAX_ENTITY_NAME } from './provider/entityNames';
export type { NameRequest } from './provider/entityNames';
