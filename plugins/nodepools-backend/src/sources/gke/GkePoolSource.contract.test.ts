import { describeSourceContract } from '../testing';
import { GkePoolSource } from './GkePoolSource';
import { TOKEN, cluster, clustersPath, nodePool, poolsPath } from './__testUtils__/gkeApi';

const PROJECT = 'shop-prod';
const LOCATION = 'europe-west4';

/** The canonical status Google's error bodies name for each HTTP status. */
const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

describeSourceContract('GkePoolSource', {
  secret: TOKEN,
  paged: false,
  createSource: ({ server, policy, sleep }) =>
    new GkePoolSource({
      id: 'gcp-prod',
      projects: [PROJECT],
      endpoint: server.url,
      getAccessToken: async () => TOKEN,
      policy,
      sleep,
    }),
  serveClusters: (server, clusters) =>
    server.route(clustersPath(PROJECT), {
      json: { clusters: clusters.map(name => cluster(name, LOCATION)) },
    }),
  clustersRoute: { path: clustersPath(PROJECT) },
  poolsRoute: (_server, name) => ({ path: poolsPath(PROJECT, LOCATION, name) }),
  poolsPage: (_server, name, names) => ({
    json: { nodePools: names.map(pool => nodePool(PROJECT, LOCATION, name, pool)) },
  }),
  errorResponse: (status, message) => ({
    status,
    json: { error: { code: status, message, status: GOOGLE_STATUS[status] } },
  }),
  scopeOf: name => `gke/${PROJECT}/${LOCATION}/${name}`,
});
