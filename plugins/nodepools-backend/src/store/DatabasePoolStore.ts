import type { Knex } from 'knex';
import {
  ClusterIdentity,
  ClusterSummary,
  clusterRef,
  DEFAULT_PAGE_SIZE,
  NodePool,
  NodePoolDetail,
  PoolFacets,
  PoolHistoryEntry,
  PoolPage,
  PoolQuery,
  PoolRestriction,
  SourceStatusInfo,
} from '@nodepools/plugin-nodepools-common';
import type {
  ObservedUpdate,
  PoolIdentityRow,
  PoolStore,
  RetiredSource,
  SourceSync,
  SyncSummary,
} from './PoolStore';
import { applyObservedUpdates } from './applyObserved';
import { encodeCursor } from './cursor';
import { applyPoolFilters, applyPoolPaging, whereInCluster } from './poolQuery';
import { applyPoolRestriction } from './poolRestriction';
import {
  HistoryRow,
  PoolReadRow,
  SourceRow,
  historyFromRow,
  poolFromRow,
  sourceFromRow,
} from './rows';
import { reconcileSync } from './sync/reconcileSync';
import { markRemovedSources, retireRemovedSources } from './sync/removedSources';

const POOL_READ_COLUMNS = [
  'p.ref',
  'd.spec',
  'p.source',
  'p.first_seen_at',
  'p.tombstoned_at',
  's.status as source_status',
  's.error as source_error',
  's.last_success_at as source_success_at',
  'sc.error as scope_error',
  'sc.last_success_at as scope_success_at',
  's.removed_at as source_removed_at',
  's.stale_after_ms as source_stale_after_ms',
  'p.observed',
  'os.last_success_at as observed_at',
];

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
  constructor(
    private readonly db: Knex,
    /** The clock reads age pools by. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  private poolsWithSyncState(): Knex.QueryBuilder {
    return this.db('nodepools_pools as p')
      .join('nodepools_pool_documents as d', 'd.ref', 'p.ref')
      .leftJoin('nodepools_sources as s', 's.id', 'p.source')
      .leftJoin('nodepools_scopes as sc', function joinScope() {
        this.on('sc.source', '=', 'p.source').andOn('sc.scope', '=', 'p.scope');
      })
      .leftJoin('nodepools_sources as os', 'os.id', 'p.observed_source');
  }

  async listPools(query: PoolQuery): Promise<PoolPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // The joins only add sync state to each row, so the count goes without them.
    const [[countRow], rows] = await Promise.all([
      applyPoolFilters(this.db('nodepools_pools as p'), query).count({ n: '*' }),
      applyPoolPaging(
        this.db,
        applyPoolFilters(this.poolsWithSyncState(), query),
        query,
      ).select(POOL_READ_COLUMNS) as Promise<
        Array<PoolReadRow & { sort_value: string | number }>
      >,
    ]);
    const page = rows.slice(0, limit);
    const result: PoolPage = {
      items: page.map(row => poolFromRow(row, this.now())),
      totalCount: Number(countRow.n),
    };
    if (rows.length > limit) {
      const last = page[page.length - 1];
      result.nextCursor = encodeCursor({
        value:
          typeof last.sort_value === 'string'
            ? last.sort_value
            : Number(last.sort_value),
        ref: last.ref,
      });
    }
    return result;
  }

  async getPool(ref: string): Promise<NodePoolDetail | undefined> {
    const row: PoolReadRow | undefined = await this.poolsWithSyncState()
      .where('p.ref', ref)
      .first([...POOL_READ_COLUMNS, 'd.raw']);
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
        .select(POOL_READ_COLUMNS);
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
    const columns = {
      provider: 'provider',
      cluster: 'cluster',
      region: 'region',
      owner: 'owner',
      mode: 'mode',
      capacityType: 'capacity_type',
    } as const;
    const entries = await Promise.all(
      Object.entries(columns).map(async ([facet, column]) => {
        const rows: Array<Record<string, string | null>> = await applyPoolRestriction(
          this.db('nodepools_pools as p'),
          restrict,
        )
          .whereNull('tombstoned_at')
          .whereNotNull(column)
          .distinct(column)
          .orderBy(column);
        return [facet, rows.map(r => r[column] as string)];
      }),
    );
    return Object.fromEntries(entries) as PoolFacets;
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
      .select(POOL_READ_COLUMNS);
    const now = this.now();
    return rows.map(row => poolFromRow(row, now));
  }

  async listSources(): Promise<SourceStatusInfo[]> {
    const rows: SourceRow[] = await this.db('nodepools_sources').orderBy('id');
    return rows.map(sourceFromRow);
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
    return this.db('nodepools_history').where('at', '<', before).delete();
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
      .whereNot({ provider: 'kubernetes' })
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
    return this.db.transaction(tx => applyObservedUpdates(tx, sourceId, updates));
  }
}
