import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TokenCredential } from '@azure/identity';
import {
  ContainerServiceClient,
  type ContainerServiceClientOptionalParams,
} from '@azure/arm-containerservice';
import {
  markSoleAksPoolsAsSystem,
  readAksAgentPool,
  type AksAgentPoolRecord,
} from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceResponseError,
  baseUrl,
  listScopes,
  readPages,
  readScope,
  type RequestPolicy,
  type Sleep,
} from '../http';
import { requiredString, toPlainRecord } from '../objects';
import type { PoolSource, ScopeListing, SourceListOptions } from '../types';

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

  list(options: SourceListOptions = {}): Promise<ScopeListing[]> {
    const { signal } = options;
    return listScopes({
      groups: [this.#subscriptionId],
      enumerate: () => this.#listClusters(signal),
      concurrency: this.#runner.policy.concurrency,
      listScope: cluster => this.#listCluster(cluster, signal),
      scopeKey: cluster => this.#scopeOf(cluster),
      includeScope: options.includeScope,
    });
  }

  async #listClusters(signal?: AbortSignal): Promise<AksCluster[]> {
    const clusters: AksCluster[] = [];
    await this.#pages(
      `managedClusters.list ${this.#subscriptionId}`,
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
    const where = `managed cluster item ${index}`;
    const id = requiredString(item, 'id', operation, where);
    const resourceGroup = RESOURCE_GROUP.exec(id)?.[1];
    if (!resourceGroup) {
      throw new SourceResponseError(
        operation,
        `${where}: field 'id' must be a resource id with a resource group`,
      );
    }
    const { location } = item as { location?: unknown };
    return {
      name: requiredString(item, 'name', operation, where),
      resourceGroup,
      location: typeof location === 'string' ? location : undefined,
    };
  }

  #scopeOf(cluster: AksCluster): string {
    return `aks/${this.#subscriptionId}/${cluster.resourceGroup}/${cluster.name}`;
  }

  #listCluster(cluster: AksCluster, signal?: AbortSignal): Promise<ScopeListing> {
    const scope = this.#scopeOf(cluster);
    return readScope<AksAgentPoolRecord>({
      scope,
      context: {
        file: scope,
        account: this.#subscriptionId,
        region: cluster.location,
        cluster: cluster.name,
      },
      signal,
      parse: readAksAgentPool,
      read: records =>
        this.#pages(
          `agentPools.list ${cluster.resourceGroup}/${cluster.name}`,
          abortSignal =>
            this.#client.agentPools.list(cluster.resourceGroup, cluster.name, { abortSignal }),
          items => records.add(items.map(toPlainRecord)),
          signal,
        ),
      // AKS always has a system pool; only a full listing can tell a cluster's sole pool.
      toPools: (parsed, whole) =>
        whole ? markSoleAksPoolsAsSystem(parsed) : parsed.map(record => record.pool),
    });
  }

  /**
   * Reads a paged list one page at a time: each page is one retried call,
   * resumed from the previous page's `nextLink`, which must stay on the
   * Resource Manager's host (the bearer token goes with every page).
   */
  #pages<T>(
    operation: string,
    open: (abortSignal: AbortSignal) => PagedList<T>,
    onPage: (items: T[], offset: number, pageOperation: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    return readPages<T>(
      this.#runner,
      {
        operation,
        cursorName: "'nextLink'",
        fetchPage: async (link, abortSignal) => {
          const step = await open(abortSignal).byPage({ continuationToken: link }).next();
          return step.done
            ? { items: [] }
            : { items: [...step.value], next: step.value.continuationToken };
        },
        onPage,
        checkNext: (next, pageOperation) => this.#checkNextLink(next, pageOperation),
      },
      { signal },
    );
  }

  #checkNextLink(next: string, operation: string) {
    let url: URL;
    try {
      url = new URL(next);
    } catch {
      throw new SourceResponseError(operation, "'nextLink' is not a URL");
    }
    if (url.origin !== this.#endpoint.origin) {
      throw new SourceResponseError(
        operation,
        `'nextLink' points to ${url.origin}, not ${this.#endpoint.origin}`,
      );
    }
  }
}
