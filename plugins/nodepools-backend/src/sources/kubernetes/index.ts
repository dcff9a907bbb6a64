export {
  readKubernetesClusters,
  KubernetesCluster,
  type CloudClusterIdentity,
  type ClusterAuthSettings,
  type AwsClusterAuth,
  type KubernetesClustersConfig,
} from './clusters';
export {
  ClusterTokenResolver,
  ClusterAuthError,
  UnsupportedAuthProviderError,
  SUPPORTED_AUTH_PROVIDERS,
  defaultCredentialSources,
  type ClusterCredentialSources,
} from './auth/clusterToken';
export { buildKubeConfig } from './kubeConfig';
export { ClusterConnector, type ClusterConnection } from './clusterConnector';
export { kubeRequest, type KubeRequestOptions } from './kubeRequest';
export { DEFAULT_POOL_LABEL_KEYS, poolOfNode, providerOfPoolLabel } from './poolLabels';
export { parseQuantity, podRequests } from './resources';
export type { ObservedNodeFacts } from './poolAccumulator';
export {
  readNodeMetrics,
  parseNodeMetrics,
  type NodeMetric,
  type NodeMetricsReading,
  type NodeUsage,
} from './nodeMetrics';
export {
  collectObservedPools,
  DEFAULT_PAGE_SIZE,
  type ClusterObservedPool,
  type CollectObservedOptions,
  type ListingOptions,
  type ObservedPoolsResult,
} from './observedNodes';
export { observedPoolToPoolSpec, type PoolIdentity } from './kubernetesPoolSpec';
export {
  KubernetesNodesSource,
  KUBERNETES_SCOPE_PREFIX,
  KUBERNETES_SOURCE_KIND,
  type AttributedObservedPool,
  type ObservedClusterListing,
} from './KubernetesNodesSource';
export {
  collectTriageSnapshot,
  TRIAGE_EVENT_REASONS,
  type TriageSnapshot,
} from './triageSnapshot';
export { readKubernetesSourceSettings, type KubernetesSourceSettings } from './settings';
