import type {
  ClusterIdentity,
  ClusterSummary,
  FieldChange,
  HistoryEvent,
  ImportIssue,
  NodePoolDetail,
  PoolFacets,
  PoolHistoryEntry,
  PoolPage,
  PoolQuery,
  PoolRestriction,
  PoolSpec,
  SourceStatusInfo,
  NodePool,
  ObservedNodes,
  PoolWorkloads,
} from '@nodepools/plugin-nodepools-common';
import type { SyncShard } from './shards';

/** The normalized fields of a pool as stored: everything but bookkeeping and raw. */
export type StoredSpec = Omit<PoolSpec, 'raw'> &
  Pick<NodePool, 'owner' | 'ownerSource'>;

/** A pool ready to be written: normalized, owned, fingerprinted. */
export interface PreparedPool {
  ref: string;
  spec: StoredSpec;
  raw: unknown;
  /** Changes whenever spec or raw change. */
  fingerprint: string;
}

export interface PreparedListing {
  scope: string;
  complete: boolean;
  pools: PreparedPool[];
  error?: string;
  issues?: ImportIssue[];
}

/** What one run of one source produced. */
export interface SourceSync {
  source: { id: string; kind: string; target: string };
  startedAt: string;
  finishedAt: string;
  /**
   * How long after its scope's last complete listing a pool of the source
   * counts as stale; without it, pools age only through failures.
   */
  staleAfterMs?: number;
  /**
   * Precedence of this source's copy of a pool over other sources' (0 when
   * absent): it takes over another source's live pool only when its
   * priority is strictly higher.
   */
  priority?: number;
  /**
   * Set when the source's scopes are shared out between several tasks:
   * the listings are of this shard's scopes, and its run is recorded apart.
   */
  shard?: SyncShard;
  /** `error` when the source could not even enumerate its scopes. */
  outcome: { listings: PreparedListing[] } | { error: string };
}

/** What a sync changed; `poolRowsWritten` counts every pool, document and history row written. */
export interface SyncSummary {
  created: number;
  updated: number;
  revived: number;
  tombstoned: number;
  unchanged: number;
  /** Pools listed that a source of higher (or equal) priority holds: not written. */
  outranked: number;
  poolRowsWritten: number;
}

/** A pool's identity fields, as needed to match observed nodes to it. */
export type PoolIdentityRow = Pick<
  PoolSpec,
  'provider' | 'account' | 'region' | 'cluster' | 'name'
> & { ref: string };

/** The nodes one cluster reported, to merge onto the pools they belong to. */
export interface ObservedUpdate {
  scope: string;
  /** When true, pools whose nodes were read from `cluster` and that have no entry lose their observed nodes. */
  complete: boolean;
  /** The cluster the nodes were read from. */
  cluster: ClusterIdentity;
  entries: Array<{
    ref: string;
    observed: ObservedNodes;
    /** Which workloads run on the pool, when the source records them. */
    workloads?: PoolWorkloads;
  }>;
}

/** A source removed from config whose pools were tombstoned. */
export interface RetiredSource {
  id: string;
  removedAt: string;
  tombstoned: number;
}

export interface HistoryRecord {
  ref: string;
  event: HistoryEvent;
  changes: FieldChange[];
}

/**
 * Where pools live. The router and the sync only see this interface; the
 * knex implementation is `DatabasePoolStore`, built by `createStores`.
 */
/** A listing as JSON with its tag, or only the tag when the caller already holds it. */
export type ListedJson =
  | { etag: string; notModified: true }
  | { etag: string; notModified: false; json: string };

export interface PoolStore {
  /**
   * One page of `GET /pools` as JSON (a `PoolPage`), tagged with the
   * store's change counter; with `ifNoneMatch` naming the current tag, only
   * the tag, and no pool row is read.
   */
  listPoolsJson(query: PoolQuery, options?: { ifNoneMatch?: string }): Promise<ListedJson>;
  /** The same page, parsed. */
  listPools(query: PoolQuery): Promise<PoolPage>;
  /** `GET /pools/facets` as JSON, tagged like a page. */
  facetsJson(options?: { ifNoneMatch?: string; restrict?: PoolRestriction }): Promise<ListedJson>;
  getPool(ref: string): Promise<NodePoolDetail | undefined>;
  /** Pools by ref (tombstoned ones too), in the order asked; undefined where none has the ref. */
  getPools(refs: string[]): Promise<Array<NodePool | undefined>>;
  getHistory(
    ref: string,
    options?: { limit?: number },
  ): Promise<PoolHistoryEntry[]>;
  /** Distinct filter values of the live pools, of those `restrict` keeps when given. */
  getFacets(restrict?: PoolRestriction): Promise<PoolFacets>;
  /** The clusters of the live pools, of those `restrict` keeps when given. */
  listClusters(restrict?: PoolRestriction): Promise<ClusterSummary[]>;
  listSources(): Promise<SourceStatusInfo[]>;
  /** Reconciles one source run into the store, in one transaction. */
  applySync(sync: SourceSync): Promise<SyncSummary>;
  /** Live pools named with this cluster name (all providers but `kubernetes`), for matching observed nodes. */
  findCloudPools(cluster: {
    cluster: string;
    account?: string;
    region?: string;
  }): Promise<PoolIdentityRow[]>;
  /** The clusters of the live pools that carry this cluster name, one per provider, account and region. */
  findClusters(cluster: string): Promise<ClusterIdentity[]>;
  /**
   * Every live pool of a cluster: the pools whose identity agrees with it
   * (see `clustersAgree`), read with their sync state.
   */
  listClusterPools(cluster: ClusterIdentity): Promise<NodePool[]>;
  /**
   * Notes which sources are no longer configured (from now on, until they
   * are configured again) and which are again. Sources never recorded are
   * not touched.
   */
  markRemovedSources(
    configuredIds: string[],
    at: string,
  ): Promise<{ removed: string[]; restored: string[] }>;
  /**
   * Tombstones the live pools of every source removed before
   * `removedBefore`, and forgets the source itself; history keeps why.
   */
  retireRemovedSources(removedBefore: string, at: string): Promise<RetiredSource[]>;
  /** Deletes the history rows written before `before`; returns how many. */
  pruneHistory(before: string): Promise<number>;
  /**
   * Merges what clusters report about pools' nodes. Writes only the pools
   * whose roll-up changed; returns the number of rows written.
   */
  applyObserved(sourceId: string, updates: ObservedUpdate[]): Promise<number>;
}
