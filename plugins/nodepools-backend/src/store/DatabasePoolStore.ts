import type { Knex } from 'knex';
import {
  ClusterIdentity,
  ClusterSummary,
  clusterRef,
  NodePool,
  NodePoolDetail,
  PoolFacets,
  PoolHistoryEntry,
  PoolPage,
  PoolQuery,
  PoolRestriction,
  SELF_MANAGED_PROVIDER,
  SourceStatusInfo,
} from '@nodepools/plugin-nodepools-common';
import type {
  ListedJson,
  ObservedUpdate,
  PoolIdentityRow,
  PoolStore,
  RetiredSource,
  SourceSync,
  SyncSummary,
} from './PoolStore';
import { applyObservedUpdates } from './applyObserved';
import { pruneHistoryRows } from './feed/DatabaseChangeFeed';
import { bumpListingVersion } from './listing/listingVersion';
import { PoolListing } from './listing/poolListing';
import { whereInCluster } from './poolQuery';
import { poolReadColumns, poolsWithSyncState } from './poolReads';
import { applyPoolRestriction } from './poolRestriction';
import { applyWorkloads } from './workloads/applyWorkloads';
import {
  HistoryRow,
  PoolReadRow,
  ShardRow,
  SourceRow,
  historyFromRow,
  poolFromRow,
  sourceFromRow,
} from './rows';
import { reconcileSync } from './sync/reconcileSync';
import { markRemovedSources, retireRemovedSources } from './sync/removedSources';


/** Listed pages and facets kept by default: a few hundred pages of 50 pools. */
export const DEFAULT_LISTING_CACHE_BYTES = 32 * 1024 * 1024;

function parseListed<T>(listed: ListedJson): T {
  if (listed.notModified) throw new Error('a listing asked without a tag came back unmodified');
  return JSON.parse(listed.json) as T;
}

interface IdentityRow {
  provider: ClusterIdentity['provider'];
  account: string | null;
  region: string | null;
  cluster: string;
}

function identityFromRow(row: IdentityRow): ClusterIdentity {
  const identity: ClusterIdentity = { provider: row.provider, cluster: row.cluster };
  if (row.account) identity.account = row.account;
  if (row.region) identity.region = row.region;
  return identity;
}

/** The pools, their history and the sync state of sources in knex; built by `createStores`. */
export class DatabasePoolStore implements PoolStore {
  readonly #listing: PoolListing;

  constructor(
    private readonly db: Knex,
    /** The clock reads age pools by. */
    private readonly now: () => Date = () => new Date(),
    /** Bytes of listed pages and facets kept in memory (0: none). */
    listingCacheBytes: number = DEFAULT_LISTING_CACHE_BYTES,
  ) {
    this.#listing = new PoolListing(db, now, listingCacheBytes);
  }

  private poolsWithSyncState(): Knex.QueryBuilder {
    return poolsWithSyncState(this.db, { observed: true });
  }

  listPoolsJson(query: PoolQuery, options: { ifNoneMatch?: string } = {}): Promise<ListedJson> {
    return this.#listing.page(query, options.ifNoneMatch);
  }

  async listPools(query: PoolQuery): Promise<PoolPage> {
    return parseListed(await this.listPoolsJson(query));
  }

  facetsJson(options: { ifNoneMatch?: string; restrict?: PoolRestriction } = {}): Promise<ListedJson> {
    return this.#listing.facets(options.ifNoneMatch, options.restrict);
  }

  async getPool(ref: string): Promise<NodePoolDetail | undefined> {
    const row: PoolReadRow | undefined = await this.poolsWithSyncState()
      .where('p.ref', ref)
      .first([...poolReadColumns(this.db), 'd.raw']);
    if (!row) return undefined;
    return { ...poolFromRow(row, this.now()), raw: row.raw ? JSON.parse(row.raw) : null };
  }

  async getPools(refs: string[]): Promise<Array<NodePool | undefined>> {
    const found = new Map<string, NodePool>();
    const now = this.now();
    // Chunks keep each statement within every database's parameter limit.
    for (let start = 0; start < refs.length; start += 500) {
      const rows: PoolReadRow[] = await this.poolsWithSyncState()
        .whereIn('p.ref', refs.slice(start, start + 500))
        .select(poolReadColumns(this.db));
      for (const row of rows) found.set(row.ref, poolFromRow(row, now));
    }
    return refs.map(ref => found.get(ref));
  }

  async getHistory(
    ref: string,
    options?: { limit?: number },
  ): Promise<PoolHistoryEntry[]> {
    const rows: HistoryRow[] = await this.db('nodepools_history')
      .where({ ref })
      .orderBy('id', 'desc')
      .limit(options?.limit ?? 200);
    return rows.map(historyFromRow);
  }

  async getFacets(restrict?: PoolRestriction): Promise<PoolFacets> {
    return parseListed(await this.facetsJson({ restrict }));
  }

  async listClusters(restrict?: PoolRestriction): Promise<ClusterSummary[]> {
    const rows = (await applyPoolRestriction(this.db('nodepools_pools as p'), restrict)
      .whereNull('tombstoned_at')
      .select('provider', 'account', 'region', 'cluster')
      .count({ pool_count: '*' })
      .sum({ node_count: 'node_count' })
      .groupBy('provider', 'account', 'region', 'cluster')
      .orderBy(['cluster', 'provider', 'account', 'region'])) as Array<
      IdentityRow & {
        pool_count: number | string;
        node_count: number | string | null;
      }
    >;
    return rows.map(row => {
      const identity = identityFromRow(row);
      return {
        ref: clusterRef(identity),
        ...identity,
        poolCount: Number(row.pool_count),
        nodeCount: Number(row.node_count ?? 0),
      };
    });
  }

  async findClusters(cluster: string): Promise<ClusterIdentity[]> {
    const rows: IdentityRow[] = await this.db('nodepools_pools')
      .where({ cluster })
      .whereNull('tombstoned_at')
      .distinct('provider', 'account', 'region', 'cluster')
      .orderBy(['provider', 'account', 'region']);
    return rows.map(identityFromRow);
  }

  async listClusterPools(cluster: ClusterIdentity): Promise<NodePool[]> {
    const rows: PoolReadRow[] = await whereInCluster(
      this.poolsWithSyncState().whereNull('p.tombstoned_at'),
      cluster,
    )
      .orderBy('p.ref')
      .select(poolReadColumns(this.db));
    const now = this.now();
    return rows.map(row => poolFromRow(row, now));
  }

  async listSources(): Promise<SourceStatusInfo[]> {
    const [rows, shards]: [SourceRow[], ShardRow[]] = await Promise.all([
      this.db('nodepools_sources').orderBy('id'),
      this.db('nodepools_source_shards').orderBy(['source', 'shard']),
    ]);
    return rows.map(row =>
      sourceFromRow(
        row,
        shards.filter(shard => shard.source === row.id),
      ),
    );
  }

  async applySync(sync: SourceSync): Promise<SyncSummary> {
    return this.db.transaction(tx => reconcileSync(tx, sync));
  }

  async markRemovedSources(
    configuredIds: string[],
    at: string,
  ): Promise<{ removed: string[]; restored: string[] }> {
    return this.db.transaction(tx => markRemovedSources(tx, configuredIds, at));
  }

  async pruneHistory(before: string): Promise<number> {
    return pruneHistoryRows(this.db, before);
  }

  async retireRemovedSources(
    removedBefore: string,
    at: string,
  ): Promise<RetiredSource[]> {
    return this.db.transaction(tx => retireRemovedSources(tx, removedBefore, at));
  }

  async findCloudPools(cluster: {
    cluster: string;
    account?: string;
    region?: string;
  }): Promise<PoolIdentityRow[]> {
    const rows: Array<{
      ref: string;
      provider: PoolIdentityRow['provider'];
      account: string | null;
      region: string | null;
      cluster: string;
      name: string;
    }> = await this.db('nodepools_pools')
      .where({ cluster: cluster.cluster })
      .whereNot({ provider: SELF_MANAGED_PROVIDER })
      .whereNull('tombstoned_at')
      .select('ref', 'provider', 'account', 'region', 'cluster', 'name');
    return rows.map(row => ({
      ref: row.ref,
      provider: row.provider,
      cluster: row.cluster,
      name: row.name,
      ...(row.account ? { account: row.account } : {}),
      ...(row.region ? { region: row.region } : {}),
    }));
  }

  async applyObserved(
    sourceId: string,
    updates: ObservedUpdate[],
  ): Promise<number> {
    return this.db.transaction(async tx => {
      const written = await applyObservedUpdates(tx, sourceId, updates);
      if (written > 0) await bumpListingVersion(tx);
      return written + (await applyWorkloads(tx, sourceId, updates));
    });
  }
}
