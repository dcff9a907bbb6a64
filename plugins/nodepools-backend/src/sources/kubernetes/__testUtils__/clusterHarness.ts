import { ConfigReader } from '@backstage/config';
import type { RequestPolicy } from '../../http';
import type { ReplayResponse, ReplayServer } from '../../testing';
import { kubeStatus } from './fakeApiServer';

export const CLUSTER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.cluster-reader-token-0123456789';

/** The reasons of the Status bodies an API server sends for each status. */
const STATUS_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/** Where a cluster's API server answers on the replay server: a path prefix per cluster. */
export const clusterPath = (cluster: string, path: string) => `/clusters/${cluster}${path}`;

/** The route of page `page` of a list, paged by `continue` tokens. */
export const listRoute = (cluster: string, path: string, page: number) => ({
  path: clusterPath(cluster, path),
  query: { continue: page === 1 ? undefined : `page-${page}` },
});

/** A page of a list, with the token of page `next` when there is one. */
export function listPage(kind: string, items: unknown[], next?: number): ReplayResponse {
  return {
    json: {
      kind,
      apiVersion: 'v1',
      metadata: { resourceVersion: '1000', ...(next ? { continue: `page-${next}` } : {}) },
      items,
    },
  };
}

export const statusResponse = (status: number, message: string): ReplayResponse => ({
  status,
  json: kubeStatus(status, STATUS_REASONS[status], message),
});

/**
 * The config of a Backstage app whose clusters answer on the replay server,
 * read with a service account token, with the request keys nodepools
 * shares with the cloud sources.
 */
export function clustersConfig(
  server: ReplayServer,
  clusters: string[],
  policy: Partial<RequestPolicy>,
): ConfigReader {
  return new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(name => ({
            name,
            url: `${server.url}${clusterPath(name, '')}`,
            authProvider: 'serviceAccount',
            serviceAccountToken: CLUSTER_TOKEN,
            // The client refuses plain HTTP otherwise; the replay server speaks it.
            skipTLSVerify: true,
          })),
        },
      ],
    },
    nodepools: {
      kubernetes: {
        pageSize: 2,
        timeoutMs: policy.timeoutMs,
        maxAttempts: policy.maxAttempts,
        maxRetryWaitMs: policy.maxRetryWaitMs,
        maxPages: policy.maxPages,
      },
    },
  });
}
