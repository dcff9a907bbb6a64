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
export type {
  ExportDownload,
  ExportQuery,
  NodePoolGovernanceApi,
  NodePoolsApi,
  NodePoolsRequestOptions,
  UpgradeQuery,
} from './api';
export {
  rootRouteRef,
  poolsRouteRef,
  poolRouteRef,
  sourcesRouteRef,
  triageRouteRef,
  requestsRouteRef,
  requestApprovalsRouteRef,
  newRequestRouteRef,
  requestRouteRef,
  driftRouteRef,
  governanceRouteRef,
  ownersRouteRef,
  ownerReviewRouteRef,
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
export { NodePoolPickerFieldExtension } from './scaffolderFieldExtension';
export { NodePoolPickerField } from './scaffolder';
export type { NodePoolPickerValue } from './scaffolder';
