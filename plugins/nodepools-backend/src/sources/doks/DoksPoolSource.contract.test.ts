import { describeSourceContract } from '../testing';
import { DoksPoolSource } from './DoksPoolSource';
import { CLUSTERS, TOKEN, cluster, nodePool, poolsPath } from './__testUtils__/doksApi';

/** The error ids DigitalOcean's bodies carry for each status. */
const ERROR_IDS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  429: 'too_many_requests',
  500: 'server_error',
  503: 'service_unavailable',
};

describeSourceContract('DoksPoolSource', {
  secret: TOKEN,
  paged: true,
  createSource: ({ server, policy, sleep }) =>
    new DoksPoolSource({ id: 'do-main', token: TOKEN, endpoint: server.url, pageSize: 2, policy, sleep }),
  serveClusters: (server, clusters) =>
    server.route(CLUSTERS, {
      json: { kubernetes_clusters: clusters.map(name => cluster(`id-${name}`, name)), links: {} },
    }),
  clustersRoute: { path: CLUSTERS },
  poolsRoute: (_server, name, page) => ({
    path: poolsPath(`id-${name}`),
    query: { page: page === 1 ? undefined : String(page) },
  }),
  poolsPage: (server, name, names, next) => ({
    json: {
      node_pools: names.map(pool => nodePool(pool)),
      links: next
        ? { pages: { next: `${server.url}${poolsPath(`id-${name}`)}?page=${next}&per_page=2` } }
        : {},
    },
  }),
  errorResponse: (status, message) => ({ status, json: { id: ERROR_IDS[status], message } }),
  scopeOf: name => `doks/nyc1/${name}`,
});
