/**
 * Frontend of the nodepools plugins: cards for every Kubernetes node pool
 * across clouds, pool pages with history, source status, pending-pod
 * triage, and an entity card.
 *
 * @packageDocumentation
 */
export {
  nodepoolsPlugin,
  NodePoolsPage,
  EntityNodePoolsCard,
  EntityGroupPoolsCard,
  EntityClusterPoolsCard,
  EntityWorkloadPoolsCard,
} from './plugin';
export { nodePoolsApiRef, NodePoolsClient } from './api';
export type { NodePoolsApi, NodePoolsRequestOptions } from './api';
export {
  rootRouteRef,
  poolsRouteRef,
  poolRouteRef,
  sourcesRouteRef,
  triageRouteRef,
  driftRouteRef,
} from './routes';
export * from './components';
export {
  entityPoolQuery,
  isClusterEntity,
  isGroupEntity,
  isNodePoolsAvailable,
  isWorkloadEntity,
  KUBERNETES_CLUSTER_TYPE,
} from './lib/entityPools';
