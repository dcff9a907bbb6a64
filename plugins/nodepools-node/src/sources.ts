import type {
  ImportIssue,
  ObservedNodes,
  PoolSpec,
  PoolWorkloads,
  Provider,
} from '@nodepools/plugin-nodepools-common';

/**
 * The answer for one scope of a source: a file, or one cluster of a cloud.
 * A scope is the unit of completeness: pools are tombstoned only when a
 * scope's listing was `complete`, and only pools of that scope.
 *
 * @public
 */
export interface ScopeListing {
  /** Stable key within the source, e.g. the file path or `eks/123456789012/us-east-1/prod`. */
  scope: string;
  /**
   * True only when every page of the scope was read without error. When
   * false, the listed pools are still upserted but nothing is tombstoned,
   * and pools of the scope not listed are marked stale with `error`.
   */
  complete: boolean;
  pools: PoolSpec[];
  /** Why the scope is not complete; never contains a credential. */
  error?: string;
  issues?: ImportIssue[];
}

/**
 * What one run of a source asks of it.
 *
 * @public
 */
export interface SourceListOptions {
  signal?: AbortSignal;
  /**
   * Set when the source's scopes are shared out between several scheduled
   * tasks (`shards`): list only the scopes whose key it accepts, deciding
   * by the same `scope` key the listing will carry, before reading them.
   * Listings of other scopes are dropped, so a source that ignores it is
   * still correct, only slower.
   */
  includeScope?(scope: string): boolean;
}

/**
 * A place pools are read from. Contract:
 * - `list` returns one ScopeListing per scope it tried, failed ones included
 *   (`complete: false`, `pools: []`, `error`).
 * - `list` throws only when it could not even enumerate its scopes (e.g. the
 *   cluster listing itself failed); then every pool of the source is marked
 *   stale and none is removed.
 * - A source never reads or writes the store.
 *
 * @public
 */
export interface PoolSource {
  /** Unique id from config, e.g. `file`, `eks-prod`. */
  readonly id: string;
  /** `file`, `eks`, `karpenter`, `gke`, `aks`, `doks`, `kubernetes`, or a module's own kind. */
  readonly kind: string;
  /** What it reads, for humans (`account 1234 in us-east-1`). Never a credential. */
  readonly target: string;
  list(options: SourceListOptions): Promise<ScopeListing[]>;
}

/**
 * Nodes a cluster reports, rolled up per pool. Merged onto the matching cloud
 * pool (same cluster and pool name) or stored as a `kubernetes` pool.
 *
 * @public
 */
export interface ObservedPool {
  cluster: string;
  /** The pool name from the node's pool label, and which label said so. */
  pool: string;
  poolLabel: string;
  observed: ObservedNodes;
  /** Which workloads' pods run on the pool, when the source counts them. */
  workloads?: PoolWorkloads;
}

/**
 * An observed pool with the provider whose pool its label names: `eks`,
 * `karpenter`, `gke`, `aks`, `doks`, or `kubernetes` for self-managed pools.
 *
 * @public
 */
export interface AttributedObservedPool extends ObservedPool {
  provider: Provider;
}

/**
 * Where a cluster's pools are recorded: the cloud's name of the cluster, and
 * its account and region when known.
 *
 * @public
 */
export interface ClusterPoolIdentity {
  cluster: string;
  account?: string;
  region?: string;
}

/**
 * One cluster's scope as an observing source reports it: a ScopeListing
 * whose `pools` hold a `kubernetes` pool for every pool seen in the cluster,
 * plus the roll-ups to merge onto the cloud pools they belong to.
 *
 * @public
 */
export interface ObservedClusterListing extends ScopeListing {
  /** The Backstage cluster name. */
  clusterName: string;
  identity: ClusterPoolIdentity;
  observed: AttributedObservedPool[];
  /** Nodes that carry none of the pool labels. */
  unpooledNodes: number;
}

/**
 * A source that also reports the nodes behind the pools it lists. The
 * inventory attaches each roll-up to the cloud pool it matches and stores
 * the others as pools of their own.
 *
 * @public
 */
export interface ObservingSource {
  listObserved(options: SourceListOptions): Promise<ObservedClusterListing[]>;
}
