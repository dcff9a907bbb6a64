import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
  type EKSClientConfig,
} from '@aws-sdk/client-eks';
import { parseEksNodegroup } from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceHttpError,
  SourceRequestError,
  SourceResponseError,
  buildScopeListing,
  mapAll,
  mapSettled,
  parseRecords,
  toPlainRecord,
  type IndexedRecord,
  type RequestPolicy,
  type Sleep,
} from '../http';
import type { PoolSource, ScopeListing } from '../types';
import { classifyAwsError } from './awsErrors';

/** The most names EKS returns per page. */
const PAGE_SIZE = 100;

export interface EksPoolSourceOptions {
  id: string;
  /** Shown in the target and used in scope keys; pool records carry their own account in their ARN. */
  accountId?: string;
  regions: string[];
  /** Only these clusters; all clusters of each region when absent. */
  clusters?: string[];
  /** EKS API URL for every region instead of AWS's (private endpoints, tests). */
  endpoint?: string;
  /** The SDK's default chain when absent. */
  credentials?: EKSClientConfig['credentials'];
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
  sleep?: Sleep;
}

interface EksCluster {
  region: string;
  name: string;
}

/**
 * EKS managed node groups of one AWS account, through `@aws-sdk/client-eks`:
 * `ListClusters` per region, `ListNodegroups` per cluster (both paged by
 * `nextToken`), then `DescribeNodegroup` per group, all within the source's
 * concurrency. The SDK's own retries are off; this source's retry policy
 * applies instead. One scope per cluster: `eks/<account>/<region>/<cluster>`.
 */
export class EksPoolSource implements PoolSource {
  readonly id: string;
  readonly kind = 'eks';
  readonly target: string;
  readonly #account: string;
  readonly #regions: string[];
  readonly #clusterFilter?: Set<string>;
  readonly #clients = new Map<string, EKSClient>();
  readonly #runner: RequestRunner;
  readonly #options: EksPoolSourceOptions;

  constructor(options: EksPoolSourceOptions) {
    if (options.regions.length === 0) {
      throw new TypeError(`EKS source '${options.id}' needs at least one region`);
    }
    this.id = options.id;
    this.#options = options;
    this.#account = options.accountId ?? '-';
    this.#regions = options.regions;
    this.#clusterFilter = options.clusters ? new Set(options.clusters) : undefined;
    this.target = `AWS account ${options.accountId ?? '(default credentials)'} in ${options.regions.join(', ')}`;
    this.#runner = new RequestRunner({
      policy: options.policy,
      logger: options.logger,
      sleep: options.sleep,
    });
  }

  async list(options: { signal?: AbortSignal } = {}): Promise<ScopeListing[]> {
    const { signal } = options;
    const perRegion = await mapAll(this.#regions, this.#regions.length, region =>
      this.#listClusters(region, signal),
    );
    const clusters = perRegion
      .flat()
      .filter(c => !this.#clusterFilter || this.#clusterFilter.has(c.name));
    return mapAll(clusters, this.#runner.policy.concurrency, cluster =>
      this.#listCluster(cluster, signal),
    );
  }

  #client(region: string): EKSClient {
    let client = this.#clients.get(region);
    if (!client) {
      client = new EKSClient({
        region,
        endpoint: this.#options.endpoint,
        credentials: this.#options.credentials,
        maxAttempts: 1,
      });
      this.#clients.set(region, client);
    }
    return client;
  }

  async #listClusters(region: string, signal?: AbortSignal): Promise<EksCluster[]> {
    const names = await this.#pages(
      `ListClusters ${region}`,
      async (nextToken, attemptSignal) => {
        const out = await this.#client(region).send(
          new ListClustersCommand({ maxResults: PAGE_SIZE, nextToken }),
          { abortSignal: attemptSignal },
        );
        return { items: out.clusters, nextToken: out.nextToken, field: 'clusters' };
      },
      signal,
    );
    return names.map(name => ({ region, name: String(name) }));
  }

  async #listCluster(cluster: EksCluster, signal?: AbortSignal): Promise<ScopeListing> {
    const scope = `eks/${this.#account}/${cluster.region}/${cluster.name}`;
    let names: string[];
    try {
      names = (await this.#pages(
        `ListNodegroups ${cluster.region}/${cluster.name}`,
        async (nextToken, attemptSignal) => {
          const out = await this.#client(cluster.region).send(
            new ListNodegroupsCommand({
              clusterName: cluster.name,
              maxResults: PAGE_SIZE,
              nextToken,
            }),
            { abortSignal: attemptSignal },
          );
          return { items: out.nodegroups, nextToken: out.nextToken, field: 'nodegroups' };
        },
        signal,
      )) as string[];
    } catch (error) {
      if (signal?.aborted || !(error instanceof SourceRequestError)) throw error;
      return buildScopeListing({ scope, pools: [], failures: [error.message] });
    }

    const described = await mapSettled(names, this.#runner.policy.concurrency, name =>
      this.#describe(cluster, name, signal),
    );
    const records: IndexedRecord[] = [];
    const failures: string[] = [];
    for (const [index, result] of described.entries()) {
      if (result.status === 'fulfilled') {
        if (result.value !== undefined) records.push({ index, item: result.value });
      } else if (result.reason instanceof SourceRequestError && !signal?.aborted) {
        failures.push(result.reason.message);
      } else {
        throw result.reason;
      }
    }
    const { parsed: pools, issues } = parseRecords(records, parseEksNodegroup, {
      file: scope,
      cluster: cluster.name,
      region: cluster.region,
      account: this.#options.accountId,
    });
    return buildScopeListing({ scope, pools, issues, failures });
  }

  /**
   * One node group's description, or undefined when it was deleted between
   * the listing and this call: it is gone, which a complete listing may say.
   */
  async #describe(
    cluster: EksCluster,
    nodegroupName: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const operation = `DescribeNodegroup ${cluster.region}/${cluster.name}/${nodegroupName}`;
    try {
      const out = await this.#runner.run(
        operation,
        attemptSignal =>
          this.#client(cluster.region).send(
            new DescribeNodegroupCommand({ clusterName: cluster.name, nodegroupName }),
            { abortSignal: attemptSignal },
          ),
        { signal, classify: classifyAwsError },
      );
      if (!out.nodegroup) {
        throw new SourceResponseError(operation, "the answer has no 'nodegroup'");
      }
      return toPlainRecord(out.nodegroup);
    } catch (error) {
      if (error instanceof SourceHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Follows `nextToken` until it is absent; a token seen twice is a broken answer. */
  async #pages(
    operation: string,
    fetchPage: (
      nextToken: string | undefined,
      signal: AbortSignal,
    ) => Promise<{ items?: unknown[]; nextToken?: string; field: string }>,
    signal?: AbortSignal,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (let page = 1; ; page++) {
      const pageOperation = `${operation} (page ${page})`;
      const token = nextToken;
      const result = await this.#runner.run(
        pageOperation,
        attemptSignal => fetchPage(token, attemptSignal),
        { signal, classify: classifyAwsError },
      );
      if (!Array.isArray(result.items)) {
        throw new SourceResponseError(pageOperation, `the answer has no '${result.field}' list`);
      }
      items.push(...result.items);
      if (!result.nextToken) return items;
      if (seen.has(result.nextToken)) {
        throw new SourceResponseError(pageOperation, 'nextToken repeats an earlier page');
      }
      seen.add(result.nextToken);
      nextToken = result.nextToken;
    }
  }
}
