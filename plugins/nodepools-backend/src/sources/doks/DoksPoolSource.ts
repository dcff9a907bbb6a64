import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  parseDoksNodePool,
  type ImportIssue,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceRequestError,
  baseUrl,
  SourceResponseError,
  buildScopeListing,
  fetchJson,
  mapAll,
  parseRecords,
  type RequestPolicy,
  type Sleep,
} from '../http';
import type { PoolSource, ScopeListing } from '../types';

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

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
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

  async list(options: { signal?: AbortSignal } = {}): Promise<ScopeListing[]> {
    const clusters = await this.#listClusters(options.signal);
    return mapAll(clusters, this.#runner.policy.concurrency, cluster =>
      this.#listCluster(cluster, options.signal),
    );
  }

  async #listClusters(signal?: AbortSignal): Promise<DoksCluster[]> {
    const path = '/v2/kubernetes/clusters';
    const clusters: DoksCluster[] = [];
    for await (const { items, offset, operation } of this.#pages(
      path,
      'kubernetes_clusters',
      signal,
    )) {
      items.forEach((item, i) => {
        clusters.push(this.#readCluster(item, offset + i, operation));
      });
    }
    return clusters;
  }

  #readCluster(item: unknown, index: number, operation: string): DoksCluster {
    const record = asObject(item);
    const field = (key: string) => {
      const value = record?.[key];
      if (typeof value !== 'string' || value === '') {
        throw new SourceResponseError(
          operation,
          `kubernetes_clusters item ${index}: field '${key}' must be a non-empty string`,
        );
      }
      return value;
    };
    return { id: field('id'), name: field('name'), region: field('region') };
  }

  async #listCluster(
    cluster: DoksCluster,
    signal?: AbortSignal,
  ): Promise<ScopeListing> {
    const scope = `doks/${cluster.region}/${cluster.name}`;
    const context = { file: scope, cluster: cluster.name, region: cluster.region };
    const pools: PoolSpec[] = [];
    const issues: ImportIssue[] = [];
    const failures: string[] = [];
    const path = `/v2/kubernetes/clusters/${encodeURIComponent(cluster.id)}/node_pools`;
    try {
      for await (const { items, offset } of this.#pages(path, 'node_pools', signal)) {
        const parsed = parseRecords(
          items.map((item, i) => ({ index: offset + i, item })),
          parseDoksNodePool,
          context,
        );
        pools.push(...parsed.parsed);
        issues.push(...parsed.issues);
      }
    } catch (error) {
      if (signal?.aborted || !(error instanceof SourceRequestError)) throw error;
      failures.push(error.message);
    }
    return buildScopeListing({ scope, pools, issues, failures });
  }

  /**
   * Reads a collection page by page. Each page is fetched (with retries) and
   * checked before it is yielded, so a failure mid-way leaves the pages read
   * so far with the caller.
   */
  async *#pages(
    path: string,
    collection: string,
    signal?: AbortSignal,
  ): AsyncGenerator<{ items: unknown[]; offset: number; operation: string }> {
    const first = new URL(`${this.#base}${path}`);
    first.searchParams.set('per_page', String(this.#pageSize));
    const seen = new Set<string>();
    let url: URL | undefined = first;
    let offset = 0;
    for (let page = 1; url; page++) {
      const operation = `GET ${path} (page ${page})`;
      seen.add(url.href);
      const pageUrl: string = url.href;
      const response = await this.#runner.run(
        operation,
        attemptSignal =>
          fetchJson({
            url: pageUrl,
            operation,
            headers: { authorization: `Bearer ${this.#token}` },
            secrets: [this.#token],
            signal: attemptSignal,
          }),
        { signal },
      );
      const body = asObject(response.body);
      const items = body?.[collection];
      if (!Array.isArray(items)) {
        throw new SourceResponseError(operation, `expected an array '${collection}'`);
      }
      yield { items, offset, operation };
      offset += items.length;
      url = this.#nextPage(body, operation, seen);
    }
  }

  #nextPage(
    body: Record<string, unknown> | undefined,
    operation: string,
    seen: Set<string>,
  ): URL | undefined {
    const next = asObject(asObject(body?.links)?.pages)?.next;
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
    // The token goes with every page: never to another host than the API's.
    if (url.origin !== this.#endpoint.origin) {
      throw new SourceResponseError(
        operation,
        `'links.pages.next' points to ${url.origin}, not ${this.#endpoint.origin}`,
      );
    }
    if (seen.has(url.href)) {
      throw new SourceResponseError(operation, `'links.pages.next' repeats an earlier page`);
    }
    return url;
  }
}
