import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseDoksNodePool } from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceResponseError,
  baseUrl,
  fetchJson,
  listScopes,
  readPages,
  readScope,
  type RequestPolicy,
  type Sleep,
} from '../http';
import { asObject, requiredList, requiredString } from '../objects';
import type { PoolSource, ScopeListing, SourceListOptions } from '../types';

export const DOKS_DEFAULT_ENDPOINT = 'https://api.digitalocean.com';
/** DigitalOcean's largest page. */
const MAX_PAGE_SIZE = 200;

export interface DoksPoolSourceOptions {
  id: string;
  /** A DigitalOcean API token with read access to Kubernetes. */
  token: string;
  /** API base URL; DigitalOcean's by default. */
  endpoint?: string;
  /** Items per page, at most 200. */
  pageSize?: number;
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
  sleep?: Sleep;
}

/** The parts of a DOKS cluster record a scope needs. */
interface DoksCluster {
  id: string;
  name: string;
  region: string;
}

/**
 * DigitalOcean Kubernetes node pools, read with plain `fetch`: every
 * cluster of the account (`GET /v2/kubernetes/clusters`), then each
 * cluster's pools (`GET /v2/kubernetes/clusters/{id}/node_pools`), both
 * paged by `links.pages.next`. One scope per cluster: `doks/<region>/<name>`.
 */
export class DoksPoolSource implements PoolSource {
  readonly id: string;
  readonly kind = 'doks';
  readonly target: string;
  readonly #endpoint: URL;
  readonly #base: string;
  readonly #token: string;
  readonly #pageSize: number;
  readonly #runner: RequestRunner;

  constructor(options: DoksPoolSourceOptions) {
    this.id = options.id;
    this.#base = baseUrl(options.endpoint ?? DOKS_DEFAULT_ENDPOINT);
    this.#endpoint = new URL(this.#base);
    this.#token = options.token;
    this.#pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    this.target =
      this.#endpoint.origin === DOKS_DEFAULT_ENDPOINT
        ? 'DigitalOcean Kubernetes clusters'
        : `DigitalOcean Kubernetes clusters at ${this.#endpoint.origin}`;
    this.#runner = new RequestRunner({
      policy: options.policy,
      secrets: [options.token],
      logger: options.logger,
      sleep: options.sleep,
    });
  }

  list(options: SourceListOptions = {}): Promise<ScopeListing[]> {
    const { signal } = options;
    return listScopes({
      groups: [this.#endpoint.origin],
      enumerate: () => this.#listClusters(signal),
      concurrency: this.#runner.policy.concurrency,
      listScope: cluster => this.#listCluster(cluster, signal),
      scopeKey: cluster => this.#scopeOf(cluster),
      includeScope: options.includeScope,
    });
  }

  async #listClusters(signal?: AbortSignal): Promise<DoksCluster[]> {
    const clusters: DoksCluster[] = [];
    await this.#pages(
      '/v2/kubernetes/clusters',
      'kubernetes_clusters',
      (items, offset, operation) => {
        items.forEach((item, i) => {
          const where = `kubernetes_clusters item ${offset + i}`;
          clusters.push({
            id: requiredString(item, 'id', operation, where),
            name: requiredString(item, 'name', operation, where),
            region: requiredString(item, 'region', operation, where),
          });
        });
      },
      signal,
    );
    return clusters;
  }

  #scopeOf(cluster: DoksCluster): string {
    return `doks/${cluster.region}/${cluster.name}`;
  }

  #listCluster(cluster: DoksCluster, signal?: AbortSignal): Promise<ScopeListing> {
    const scope = this.#scopeOf(cluster);
    return readScope({
      scope,
      context: { file: scope, cluster: cluster.name, region: cluster.region },
      signal,
      parse: parseDoksNodePool,
      read: records =>
        this.#pages(
          `/v2/kubernetes/clusters/${encodeURIComponent(cluster.id)}/node_pools`,
          'node_pools',
          items => records.add(items),
          signal,
        ),
    });
  }

  /** Reads a collection page by page, following `links.pages.next`. */
  #pages(
    path: string,
    collection: string,
    onPage: (items: unknown[], offset: number, operation: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const first = new URL(`${this.#base}${path}`);
    first.searchParams.set('per_page', String(this.#pageSize));
    return readPages<unknown>(
      this.#runner,
      {
        operation: `GET ${path}`,
        cursorName: "'links.pages.next'",
        first: first.href,
        fetchPage: async (url, attemptSignal, operation) => {
          const response = await fetchJson({
            url: url ?? first.href,
            operation,
            headers: { authorization: `Bearer ${this.#token}` },
            secrets: [this.#token],
            signal: attemptSignal,
          });
          return {
            items: requiredList(response.body, collection, operation),
            next: this.#nextPage(response.body, operation),
          };
        },
        onPage,
      },
      { signal },
    );
  }

  /** The next page's URL, which must stay on the API's host: the token goes with every page. */
  #nextPage(body: unknown, operation: string): string | undefined {
    const next = asObject(asObject(asObject(body)?.links)?.pages)?.next;
    if (next === undefined || next === null || next === '') return undefined;
    if (typeof next !== 'string') {
      throw new SourceResponseError(operation, `'links.pages.next' is not a URL`);
    }
    let url: URL;
    try {
      url = new URL(next, this.#endpoint);
    } catch {
      throw new SourceResponseError(operation, `'links.pages.next' is not a URL`);
    }
    if (url.origin !== this.#endpoint.origin) {
      throw new SourceResponseError(
        operation,
        `'links.pages.next' points to ${url.origin}, not ${this.#endpoint.origin}`,
      );
    }
    return url.href;
  }
}
