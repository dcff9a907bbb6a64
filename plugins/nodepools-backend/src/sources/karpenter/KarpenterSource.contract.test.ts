import { describeSourceContract } from '../testing';
import {
  CLUSTER_TOKEN,
  clusterPath,
  clustersConfig,
  listPage,
  listRoute,
  statusResponse,
} from '../kubernetes/__testUtils__/clusterHarness';
import { KarpenterSource } from './KarpenterSource';
import { nodePool } from './__testUtils__/karpenterObjects';

describeSourceContract('KarpenterSource', {
  secret: CLUSTER_TOKEN,
  paged: true,
  createSource: ({ server, clusters, policy, sleep }) =>
    KarpenterSource.fromConfig(clustersConfig(server, clusters, policy), { sleep }),
  poolsRoute: (_server, cluster, page) =>
    listRoute(cluster, '/apis/karpenter.sh/v1/nodepools', page),
  poolsPage: (_server, _cluster, names, next) =>
    listPage('NodePoolList', names.map(name => nodePool(name, { nodes: 1 })), next),
  servePoolDetails: (server, cluster) =>
    server.route(
      clusterPath(cluster, '/apis/karpenter.sh/v1/nodeclaims'),
      listPage('NodeClaimList', []),
    ),
  errorResponse: statusResponse,
  scopeOf: cluster => `karpenter/${cluster}`,
});
