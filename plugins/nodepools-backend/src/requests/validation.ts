import type { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  checkRequest,
  clusterOfPool,
  clusterRef,
  clustersAgree,
  matchingClusters,
  parseClusterRef,
  poolCost,
  type ClusterIdentity,
  type MachineCatalog,
  type OwnerUsage,
  type PolicyInput,
  type PoolRequestSpec,
  type ValidationResult,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { ClusterPoolRow, RequestStore } from '../store/RequestStore';
import type { RequestsConfig } from './config';

/**
 * How long the catalog's answer about an owner, and what the owner's pools
 * cost, are kept for live checks: forms validate on every keystroke.
 * Submissions and approvals always read both afresh.
 */
const OWNER_CACHE_MS = 60_000;

export interface PreparedRequest {
  /** The spec with the cluster ref as the inventory spells it and the resource group filled in. */
  spec: PoolRequestSpec;
  cluster?: ClusterIdentity;
  /** The live pools of the cluster: their names, and their owners (the default approvers). */
  clusterPools: ClusterPoolRow[];
  result: ValidationResult;
}

/**
 * Gathers what the policy checks read (the cluster and its pools from the
 * inventory, open requests, the owner's pools and whether the catalog
 * knows the owner) and runs them.
 */
export class RequestValidator {
  private readonly owners = new Map<string, { exists?: boolean; problem?: string; at: number }>();
  private readonly usage = new Map<string, { usage: OwnerUsage; at: number }>();

  constructor(
    private readonly deps: {
      pools: PoolStore;
      requests: RequestStore;
      catalog?: CatalogService;
      machines: MachineCatalog;
      config: RequestsConfig;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  /** Checks a spec; `live` (a form's check while typing) may use the owner's cached usage and catalog answer. */
  async prepare(spec: PoolRequestSpec, credentials: BackstageCredentials, excludeId?: string, live = false): Promise<PreparedRequest> {
    // One round trip in the usual case: the form sends the ref the inventory spells.
    const [named, openAsSent, ownerUsage, owner] = await Promise.all([
      this.deps.requests.poolsOfClusterName(parseClusterRef(spec.cluster).cluster),
      this.deps.requests.openNames(spec.cluster, excludeId),
      this.ownerUsage(spec.owner, live),
      this.ownerExists(spec.owner, credentials, live),
    ]);
    const { cluster, problem } = this.resolveCluster(spec, named);
    const ref = cluster ? clusterRef(cluster) : spec.cluster;
    const clusterPools = cluster ? named.filter(pool => clustersAgree(cluster, clusterOfPool(pool))) : [];
    const openRequests = ref === spec.cluster ? openAsSent : await this.deps.requests.openNames(ref, excludeId);
    const prepared: PoolRequestSpec = {
      ...spec,
      cluster: ref,
      ...(spec.kind === 'aks-node-pool' && !spec.resourceGroup ? await this.resourceGroupOf(clusterPools) : {}),
    };
    const input: PolicyInput = {
      spec: prepared,
      policy: this.deps.config.policy,
      catalog: this.deps.machines,
      pricing: this.deps.config.pricing,
      ...(cluster ? { cluster } : { clusterProblem: problem }),
      poolNames: new Set(clusterPools.map(p => p.name)),
      openRequests,
      ownerUsage,
      ...(owner.exists !== undefined ? { ownerExists: owner.exists } : {}),
      ...(owner.problem ? { ownerLookupProblem: owner.problem } : {}),
    };
    return { spec: prepared, cluster, clusterPools, result: checkRequest(input) };
  }

  /** The one cluster of the inventory the spec's ref names, among the pools that carry its cluster name. */
  private resolveCluster(spec: PoolRequestSpec, named: ClusterPoolRow[]): { cluster?: ClusterIdentity; problem?: string } {
    const found = matchingClusters(parseClusterRef(spec.cluster), named.map(clusterOfPool));
    if (found.length === 1) return { cluster: found[0] };
    if (!found.length) return { problem: `no cluster ${spec.cluster} in the inventory` };
    return { problem: `${spec.cluster} names ${found.length} clusters: ${found.map(clusterRef).join(', ')}` };
  }

  private async resourceGroupOf(pools: ClusterPoolRow[]): Promise<{ resourceGroup?: string }> {
    const aks = pools.find(p => p.provider === 'aks');
    if (!aks) return {};
    const detail = await this.deps.pools.getPool(aks.ref);
    const id = (detail?.raw as { id?: unknown } | undefined)?.id;
    const match = typeof id === 'string' ? /\/resourceGroups\/([^/]+)\//i.exec(id) : null;
    return match ? { resourceGroup: match[1] } : {};
  }

  private async ownerUsage(owner: string, live: boolean): Promise<OwnerUsage> {
    const now = this.deps.now?.() ?? Date.now();
    const cached = this.usage.get(owner);
    if (live && cached && now - cached.at < OWNER_CACHE_MS) return cached.usage;
    const pools = await this.deps.requests.ownerPools(owner);
    const usage: OwnerUsage = { maxNodes: 0, monthly: 0 };
    for (const pool of pools) {
      const cost = poolCost(pool, { catalog: this.deps.machines, overrides: this.deps.config.pricing });
      usage.maxNodes += cost.max?.nodes ?? pool.nodeCount ?? 0;
      usage.monthly += cost.current?.monthly ?? 0;
    }
    this.usage.set(owner, { usage, at: now });
    return usage;
  }

  private async ownerExists(owner: string, credentials: BackstageCredentials, live: boolean): Promise<{ exists?: boolean; problem?: string }> {
    const now = this.deps.now?.() ?? Date.now();
    const cached = this.owners.get(owner);
    if (live && cached && now - cached.at < OWNER_CACHE_MS) return cached;
    let answer: { exists?: boolean; problem?: string };
    if (!this.deps.catalog) {
      answer = { problem: 'the catalog is not available to this backend' };
    } else {
      try {
        const entity = await this.deps.catalog.getEntityByRef(owner, { credentials });
        answer = { exists: entity !== undefined && entity.kind.toLocaleLowerCase('en-US') === 'group' };
      } catch (error) {
        answer = { problem: (error as Error).message };
        this.deps.logger.warn(`Could not look up request owner ${owner} in the catalog: ${(error as Error).message}`);
      }
    }
    // Only answers are kept: a catalog that could not be asked is asked again next time.
    if (answer.exists !== undefined) this.owners.set(owner, { ...answer, at: now });
    return answer;
  }
}
