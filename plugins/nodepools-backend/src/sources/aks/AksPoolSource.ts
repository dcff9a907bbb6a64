import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TokenCredential } from '@azure/identity';
import {
  ContainerServiceClient,
  type ContainerServiceClientOptionalParams,
} from '@azure/arm-containerservice';
import {
  markSoleAksPoolsAsSystem,
  readAksAgentPool,
  type ImportIssue,
  type PoolSpec,
  type AksAgentPoolRecord,
} from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceRequestError,
  SourceResponseError,
  baseUrl,
  buildScopeListing,
  mapAll,
  parseRecords,
  toPlainRecord,
  type RequestPolicy,
  type Sleep,
} from '../http';
import type { PoolSource, ScopeListing } from '../types';
import { classifyAzureError } from './azureErrors';

export const ARM_DEFAULT_ENDPOINT = 'https://management.azure.com';

/** Resource ids name their resource group; segment names are case-insensitive. */
const RESOURCE_GROUP = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)\//i;

export interface AksPoolSourceOptions {
  id: string;
  subscriptionId: string;
  credential: TokenCredential;
  /** Azure Resource Manager URL; the public cloud's by default. */
  endpoint?: string;
  /** Extra client options, e.g. `tlsOptions` for a private CA. */
  clientOptions?: ContainerServiceClientOptionalParams;
  /** Values kept out of error messages, e.g. the client secret. */
  secrets?: string[];
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
  sleep?: Sleep;
}

interface AksCluster {
  name: string;
  resourceGroup: string;
  location?: string;
}

/** The part of an SDK paged iterator this source uses. */
interface PagedList<T> {
  byPage(settings?: {
    continuationToken?: string;
  }): AsyncIterableIterator<T[] & { continuationToken?: string }>;
}

/**
 * AKS agent pools through `@azure/arm-containerservice`: every managed
 * cluster of the subscription, then each cluster's agent pools, both paged
 * by `nextLink`. Pages are read one by one so each gets this source's
 * retries and timeout (the SDK pipeline's own retries are off). One scope
 * per cluster: `aks/<subscription>/<resource group>/<cluster>`.
 */
export class AksPoolSource implements PoolSource {
  readonly id: string;
  readonly kind = 'aks';
  readonly target: string;
  readonly #subscriptionId: string;
  readonly #endpoint: URL;
  readonly #client: ContainerServiceClient;
  readonly #runner: RequestRunner;

  constructor(options: AksPoolSourceOptions) {
    this.id = options.id;
    this.#subscriptionId = options.subscriptionId;
    const endpoint = baseUrl(options.endpoint ?? ARM_DEFAULT_ENDPOINT);
    this.#endpoint = new URL(endpoint);
    this.target = `Azure subscription ${options.subscriptionId}`;
    this.#runner = new RequestRunner({
      policy: options.policy,
      secrets: options.secrets,
      logger: options.logger,
      sleep: options.sleep,
    });
    this.#client = new ContainerServiceClient(options.credential, options.subscriptionId, {
      ...options.clientOptions,
      endpoint,
      retryOptions: { maxRetries: 0 },
    });
    // Pages after the first are fetched without the caller's options, so
    // their abort signal does not reach them: a per-request timeout does.
    const { timeoutMs } = this.#runner.policy;
    this.#client.pipeline.addPolicy({
      name: 'nodepoolsRequestTimeout',
      sendRequest: (request, next) => {
        request.timeout = timeoutMs;
        return next(request);
      },
    });
  }

  async list(options: { signal?: AbortSignal } = {}): Promise<ScopeListing[]> {
    const { signal } = options;
    const clusters = await this.#listClusters(signal);
    return mapAll(clusters, this.#runner.policy.concurrency, cluster =>
      this.#listCluster(cluster, signal),
    );
  }

  async #listClusters(signal?: AbortSignal): Promise<AksCluster[]> {
    const operation = `managedClusters.list ${this.#subscriptionId}`;
    const clusters: AksCluster[] = [];
    await this.#forEachPage(
      operation,
      abortSignal => this.#client.managedClusters.list({ abortSignal }),
      (items, offset, pageOperation) => {
        items.forEach((item, i) => {
          clusters.push(this.#readCluster(item, offset + i, pageOperation));
        });
      },
      signal,
    );
    return clusters;
  }

  #readCluster(item: unknown, index: number, operation: string): AksCluster {
    const record = (item ?? {}) as { id?: unknown; name?: unknown; location?: unknown };
    const fail = (field: string, expected: string): never => {
      throw new SourceResponseError(
        operation,
        `managed cluster item ${index}: field '${field}' must be ${expected}`,
      );
    };
    const name =
      typeof record.name === 'string' && record.name ? record.name : fail('name', 'a non-empty string');
    const resourceGroup =
      (typeof record.id === 'string' && RESOURCE_GROUP.exec(record.id)?.[1]) ||
      fail('id', 'a resource id with a resource group');
    return {
      name,
      resourceGroup,
      location: typeof record.location === 'string' ? record.location : undefined,
    };
  }

  async #listCluster(cluster: AksCluster, signal?: AbortSignal): Promise<ScopeListing> {
    const scope = `aks/${this.#subscriptionId}/${cluster.resourceGroup}/${cluster.name}`;
    const context = {
      file: scope,
      account: this.#subscriptionId,
      region: cluster.location,
      cluster: cluster.name,
    };
    const records: AksAgentPoolRecord[] = [];
    const issues: ImportIssue[] = [];
    const failures: string[] = [];
    try {
      await this.#forEachPage(
        `agentPools.list ${cluster.resourceGroup}/${cluster.name}`,
        abortSignal =>
          this.#client.agentPools.list(cluster.resourceGroup, cluster.name, { abortSignal }),
        (items, offset) => {
          const parsed = parseRecords(
            items.map((item, i) => ({ index: offset + i, item: toPlainRecord(item) })),
            readAksAgentPool,
            context,
          );
          records.push(...parsed.parsed);
          issues.push(...parsed.issues);
        },
        signal,
      );
    } catch (error) {
      if (signal?.aborted || !(error instanceof SourceRequestError)) throw error;
      failures.push(error.message);
    }
    // AKS always has a system pool; only a full listing can tell a cluster's sole pool.
    const whole = failures.length === 0 && issues.length === 0;
    const pools: PoolSpec[] = whole
      ? markSoleAksPoolsAsSystem(records)
      : records.map(r => r.pool);
    return buildScopeListing({ scope, pools, issues, failures });
  }

  /**
   * Reads a paged list one page at a time: each page is one retried call,
   * resumed from the previous page's `nextLink`.
   */
  async #forEachPage<T>(
    operation: string,
    open: (abortSignal: AbortSignal) => PagedList<T>,
    onPage: (items: T[], offset: number, pageOperation: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const seen = new Set<string>();
    let nextLink: string | undefined;
    let offset = 0;
    for (let page = 1; ; page++) {
      const pageOperation = `${operation} (page ${page})`;
      const link = nextLink;
      const result = await this.#runner.run(
        pageOperation,
        async abortSignal => {
          const step = await open(abortSignal).byPage({ continuationToken: link }).next();
          return step.done
            ? { items: [] as T[], next: undefined }
            : { items: [...step.value], next: step.value.continuationToken };
        },
        { signal, classify: classifyAzureError },
      );
      onPage(result.items, offset, pageOperation);
      offset += result.items.length;
      if (!result.next) return;
      this.#checkNextLink(result.next, pageOperation, seen);
      nextLink = result.next;
    }
  }

  #checkNextLink(next: string, operation: string, seen: Set<string>) {
    let url: URL;
    try {
      url = new URL(next);
    } catch {
      throw new SourceResponseError(operation, "'nextLink' is not a URL");
    }
    // The bearer token goes with every page: never to another host.
    if (url.origin !== this.#endpoint.origin) {
      throw new SourceResponseError(
        operation,
        `'nextLink' points to ${url.origin}, not ${this.#endpoint.origin}`,
      );
    }
    if (seen.has(next)) {
      throw new SourceResponseError(operation, "'nextLink' repeats an earlier page");
    }
    seen.add(next);
  }
}
