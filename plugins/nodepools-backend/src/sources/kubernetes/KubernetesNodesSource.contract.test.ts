import { describeSourceContract } from '../testing';
import { KubernetesNodesSource } from './KubernetesNodesSource';
import {
  CLUSTER_TOKEN,
  clusterPath,
  clustersConfig,
  listPage,
  listRoute,
  statusResponse,
} from './__testUtils__/clusterHarness';
import { node } from './__testUtils__/objects';

describeSourceContract('KubernetesNodesSource', {
  secret: CLUSTER_TOKEN,
  paged: true,
  createSource: ({ server, clusters, policy, sleep }) =>
    KubernetesNodesSource.fromConfig(clustersConfig(server, clusters, policy), { sleep }),
  poolsRoute: (_server, cluster, page) => listRoute(cluster, '/api/v1/nodes', page),
  // One node per pool, named by the EKS node group label.
  poolsPage: (_server, cluster, names, next) =>
    listPage(
      'NodeList',
      names.map(pool =>
        node({ name: `${cluster}-${pool}-node`, labels: { 'eks.amazonaws.com/nodegroup': pool } }),
      ),
      next,
    ),
  servePoolDetails: (server, cluster) => {
    server.route(clusterPath(cluster, '/api/v1/pods'), listPage('PodList', []));
    server.route(clusterPath(cluster, '/version'), { json: { major: '1', minor: '31', gitVersion: 'v1.31.4' } });
    server.route(clusterPath(cluster, '/apis/metrics.k8s.io/v1beta1/nodes'), {
      json: { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', items: [] },
    });
  },
  errorResponse: statusResponse,
  scopeOf: cluster => `kubernetes/${cluster}`,
});
