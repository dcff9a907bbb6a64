import { describeSourceContract } from '../testing';
import { EksPoolSource } from './EksPoolSource';
import {
  ACCOUNT,
  CREDENTIALS,
  SECRET_ACCESS_KEY,
  describePath,
  nodegroup,
  poolsPath,
} from './__testUtils__/eksApi';

/** The exception EKS names in `x-amzn-errortype` for each status. */
const ERROR_TYPES: Record<number, string> = {
  400: 'InvalidParameterException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  429: 'ThrottlingException',
  500: 'ServerException',
  503: 'ServiceUnavailableException',
};

describeSourceContract('EksPoolSource', {
  secret: SECRET_ACCESS_KEY,
  paged: true,
  createSource: ({ server, clusters, policy, sleep }) =>
    new EksPoolSource({
      id: 'aws-prod',
      accountId: ACCOUNT,
      regions: ['us-east-1'],
      clusters,
      endpoint: server.url,
      credentials: CREDENTIALS,
      policy,
      sleep,
    }),
  serveClusters: (server, clusters) => server.route('/clusters', { json: { clusters } }),
  clustersRoute: { path: '/clusters' },
  poolsRoute: (_server, cluster, page) => ({
    path: poolsPath(cluster),
    query: { nextToken: page === 1 ? undefined : `page-${page}` },
  }),
  poolsPage: (_server, _cluster, names, next) => ({
    json: { nodegroups: names, ...(next ? { nextToken: `page-${next}` } : {}) },
  }),
  servePoolDetails: (server, cluster, names) => {
    for (const name of names) {
      server.route(describePath(cluster, name), { json: { nodegroup: nodegroup(cluster, name) } });
    }
  },
  errorResponse: (status, message) => ({
    status,
    headers: { 'x-amzn-errortype': ERROR_TYPES[status] },
    json: { message },
  }),
  scopeOf: cluster => `eks/${ACCOUNT}/us-east-1/${cluster}`,
});
