import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
  type EKSClientConfig,
} from '@aws-sdk/client-eks';
import { EC2Client } from '@aws-sdk/client-ec2';
import { parseEksNodegroup } from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceHttpError,
  SourceResponseError,
  describeEach,
  listScopes,
  readPages,
  readScope,
  type RequestPolicy,
  type Sleep,
} from '../http';
import { requiredList, toPlainRecord } from '../objects';
import type { PoolSource, ScopeListing, SourceListOptions } from '../types';
import { describeSubnets, subnetIdsOfRecord, type EksScopeListing } from './subnetHeadroom';

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
  /** EC2 API URL for every region instead of AWS's, for `DescribeSubnets`. */
  ec2Endpoint?: string;
  /**
   * Read the free addresses of the node groups' subnets after each cluster
   * (`EksScopeListing.subnetHeadroom`). By default on, except when only the
   * EKS endpoint is replaced: the credentials then go to AWS's EC2 only
   * when `ec2Endpoint` says where EC2 is.
   */
  describeSubnets?: boolean;
  /** The SDK's default chain when absent. */
  credentials?: EKSClientConfig['credentials'];
  /** Values kept out of error messages, e.g. the role's external id. */
  secrets?: string[];
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
  readonly #ec2Clients = new Map<string, EC2Client>();
  readonly #describeSubnets: boolean;
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
    this.#describeSubnets =
      options.describeSubnets ?? (options.endpoint === undefined || options.ec2Endpoint !== undefined);
    this.target = `AWS account ${options.accountId ?? '(default credentials)'} in ${options.regions.join(', ')}`;
    const { credentials } = options;
    const staticSecrets =
      credentials && typeof credentials === 'object'
        ? [credentials.secretAccessKey, credentials.sessionToken]
        : [];
    this.#runner = new RequestRunner({
      policy: options.policy,
      secrets: [...staticSecrets, ...(options.secrets ?? [])],
      logger: options.logger,
      sleep: options.sleep,
    });
  }

  list(options: SourceListOptions = {}): Promise<ScopeListing[]> {
    const { signal } = options;
    return listScopes({
      groups: this.#regions,
      enumerate: region => this.#listClusters(region, signal),
      keep: cluster => !this.#clusterFilter || this.#clusterFilter.has(cluster.name),
      concurrency: this.#runner.policy.concurrency,
      listScope: cluster => this.#listCluster(cluster, signal),
      scopeKey: cluster => this.#scopeOf(cluster),
      includeScope: options.includeScope,
    });
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

  #ec2Client(region: string): EC2Client {
    let client = this.#ec2Clients.get(region);
    if (!client) {
      client = new EC2Client({
        region,
        endpoint: this.#options.ec2Endpoint,
        credentials: this.#options.credentials,
        maxAttempts: 1,
      });
      this.#ec2Clients.set(region, client);
    }
    return client;
  }

  async #listClusters(region: string, signal?: AbortSignal): Promise<EksCluster[]> {
    const clusters: EksCluster[] = [];
    await this.#pages(
      `ListClusters ${region}`,
      'clusters',
      (nextToken, attemptSignal) =>
        this.#client(region).send(
          new ListClustersCommand({ maxResults: PAGE_SIZE, nextToken }),
          { abortSignal: attemptSignal },
        ),
      names => clusters.push(...names.map(name => ({ region, name: String(name) }))),
      signal,
    );
    return clusters;
  }

  #scopeOf(cluster: EksCluster): string {
    return `eks/${this.#account}/${cluster.region}/${cluster.name}`;
  }

  async #listCluster(cluster: EksCluster, signal?: AbortSignal): Promise<EksScopeListing> {
    const listing = await this.#listNodegroups(cluster, signal);
    return this.#describeSubnets ? this.#withSubnets(cluster, listing, signal) : listing;
  }

  /**
   * The listing with its node groups' subnets. Their headroom is an extra:
   * a failed `DescribeSubnets` is logged and leaves the listing as it was,
   * so the headroom last read stays where it is kept.
   */
  async #withSubnets(
    cluster: EksCluster,
    listing: ScopeListing,
    signal?: AbortSignal,
  ): Promise<EksScopeListing> {
    const ids = [...new Set(listing.pools.flatMap(pool => subnetIdsOfRecord(pool.raw)))].sort();
    if (!ids.length) return listing;
    const operation = `DescribeSubnets ${cluster.region}/${cluster.name}`;
    try {
      const subnets = await describeSubnets(this.#ec2Client(cluster.region), this.#runner, ids, {
        operation,
        signal,
      });
      return { ...listing, subnetHeadroom: { subnets, observedAt: new Date().toISOString() } };
    } catch (error) {
      if (signal?.aborted) throw error;
      this.#options.logger?.warn(
        `${(error as Error).message}; the subnet headroom of cluster '${cluster.name}' keeps its last values`,
      );
      return listing;
    }
  }

  #listNodegroups(cluster: EksCluster, signal?: AbortSignal): Promise<ScopeListing> {
    const scope = this.#scopeOf(cluster);
    return readScope({
      scope,
      context: {
        file: scope,
        cluster: cluster.name,
        region: cluster.region,
        account: this.#options.accountId,
      },
      signal,
      parse: parseEksNodegroup,
      read: async records => {
        const names: string[] = [];
        await this.#pages(
          `ListNodegroups ${cluster.region}/${cluster.name}`,
          'nodegroups',
          (nextToken, attemptSignal) =>
            this.#client(cluster.region).send(
              new ListNodegroupsCommand({ clusterName: cluster.name, maxResults: PAGE_SIZE, nextToken }),
              { abortSignal: attemptSignal },
            ),
          page => names.push(...page.map(String)),
          signal,
        );
        await describeEach(
          names,
          this.#runner.policy.concurrency,
          name => this.#describe(cluster, name, signal),
          records,
        );
      },
    });
  }

  /**
   * One node group's description, or undefined when EKS says it no longer
   * exists (deleted between the listing and this call): it is gone, which a
   * complete listing may say. Any other 404 (a proxy, a wrong endpoint) is
   * an error.
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
        { signal },
      );
      if (!out.nodegroup) {
        throw new SourceResponseError(operation, "the answer has no 'nodegroup'");
      }
      return toPlainRecord(out.nodegroup);
    } catch (error) {
      if (
        error instanceof SourceHttpError &&
        error.status === 404 &&
        error.code === 'ResourceNotFoundException'
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /** Follows `nextToken` through every page of a listing of names. */
  #pages<Out extends { nextToken?: string }>(
    operation: string,
    field: 'clusters' | 'nodegroups',
    send: (nextToken: string | undefined, signal: AbortSignal) => Promise<Out>,
    onPage: (items: unknown[]) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    return readPages<unknown>(
      this.#runner,
      {
        operation,
        cursorName: 'nextToken',
        fetchPage: async (nextToken, attemptSignal, pageOperation) => {
          const out = await send(nextToken, attemptSignal);
          return { items: requiredList(out, field, pageOperation), next: out.nextToken };
        },
        onPage: items => onPage(items),
      },
      { signal },
    );
  }
}
