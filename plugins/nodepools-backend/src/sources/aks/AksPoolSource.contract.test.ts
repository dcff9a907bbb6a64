import { describeSourceContract } from '../testing';
import { AksPoolSource } from './AksPoolSource';
import {
  ARM_TOKEN,
  CLUSTERS,
  SUBSCRIPTION,
  agentPool,
  credential,
  managedCluster,
  poolsPath,
} from './__testUtils__/aksApi';

/** The error codes Resource Manager's bodies carry for each status. */
const ERROR_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'AuthorizationFailed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

describeSourceContract('AksPoolSource', {
  // The Azure SDK sends a bearer token over HTTPS only.
  tls: true,
  secret: ARM_TOKEN,
  paged: true,
  quotesErrorMessages: false,
  createSource: ({ server, policy, sleep }) =>
    new AksPoolSource({
      id: 'azure-prod',
      subscriptionId: SUBSCRIPTION,
      credential,
      endpoint: server.url,
      clientOptions: { tlsOptions: { ca: server.ca } },
      policy,
      sleep,
    }),
  serveClusters: (server, clusters) =>
    server.route(CLUSTERS, { json: { value: clusters.map(name => managedCluster(name)) } }),
  clustersRoute: { path: CLUSTERS },
  poolsRoute: (_server, name, page) => ({
    path: poolsPath('rg1', name),
    query: { $skipToken: page === 1 ? undefined : `page-${page}` },
  }),
  poolsPage: (server, name, names, next) => ({
    json: {
      value: names.map(pool => agentPool(name, pool)),
      ...(next
        ? {
            nextLink: `${server.url}${poolsPath('rg1', name)}?api-version=2026-04-01&$skipToken=page-${next}`,
          }
        : {}),
    },
  }),
  errorResponse: (status, message) => ({
    status,
    json: { error: { code: ERROR_CODES[status], message } },
  }),
  scopeOf: name => `aks/${SUBSCRIPTION}/rg1/${name}`,
});
