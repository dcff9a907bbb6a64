import type { Knex } from 'knex';

/**
 * The run a pool's freshness follows: its shard's (`sh`) when a shard of
 * a sharded source listed it, else its source's (`s`).
 */
export function runColumn(column: 'status' | 'error' | 'last_success_at'): string {
  return `case when p.shard is null then s.${column} else sh.${column} end`;
}

/** What every pool read selects to derive freshness and owner status (`SyncStateRow`). */
export function syncStateColumns(db: Knex): Array<string | Knex.Raw> {
  return [
    'p.ref',
    'p.source',
    'p.first_seen_at',
    'p.tombstoned_at',
    db.raw(`${runColumn('status')} as source_status`),
    db.raw(`${runColumn('error')} as source_error`),
    db.raw(`${runColumn('last_success_at')} as source_success_at`),
    'sc.error as scope_error',
    'sc.last_success_at as scope_success_at',
    's.removed_at as source_removed_at',
    's.stale_after_ms as source_stale_after_ms',
    'p.owner as pool_owner',
    'o.status as owner_status',
  ];
}

/** A whole pool: its sync state, spec and observed nodes (`PoolReadRow`). */
export function poolReadColumns(db: Knex): Array<string | Knex.Raw> {
  return [...syncStateColumns(db), 'd.spec', 'p.observed', 'os.last_success_at as observed_at'];
}

/**
 * Pools with their documents, the sync state of their source, shard and
 * scope, what the catalog said of their owner (and, with `observed`, of the source their observed nodes came from).
 */
export function poolsWithSyncState(
  db: Knex,
  options: { observed: boolean },
): Knex.QueryBuilder {
  const builder = db('nodepools_pools as p')
    .join('nodepools_pool_documents as d', 'd.ref', 'p.ref')
    .leftJoin('nodepools_sources as s', 's.id', 'p.source')
    .leftJoin('nodepools_source_shards as sh', function joinShard() {
      this.on('sh.source', '=', 'p.source').andOn('sh.shard', '=', 'p.shard');
    })
    .leftJoin('nodepools_scopes as sc', function joinScope() {
      this.on('sc.source', '=', 'p.source').andOn('sc.scope', '=', 'p.scope');
    })
    .leftJoin('nodepools_owner_refs as o', 'o.owner_ref', 'p.owner');
  if (options.observed) {
    builder.leftJoin('nodepools_sources as os', 'os.id', 'p.observed_source');
  }
  return builder;
}
