/*
 * The live sources the live-sync benchmark builds from config, imported from
 * the backend plugin's sources (they are not part of its public API).
 */
export { createEksSources } from '../../../plugins/nodepools-backend/src/sources/eks';
export {
  KubernetesNodesSource,
  DEFAULT_PAGE_SIZE,
} from '../../../plugins/nodepools-backend/src/sources/kubernetes';
export { DEFAULT_CLUSTER_CONCURRENCY } from '../../../plugins/nodepools-backend/src/sources/kubernetes/settings';
export {
  DEFAULT_REQUEST_POLICY as DEFAULT_CLOUD_REQUEST_POLICY,
} from '../../../plugins/nodepools-backend/src/sources/http/policy';
