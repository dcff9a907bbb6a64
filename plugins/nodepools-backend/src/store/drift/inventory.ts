import type { Knex } from 'knex';
import type { NodePool } from '@nodepools/plugin-nodepools-common';
import { poolFromRow, type PoolReadRow } from '../rows';

/** The pool columns the comparison needs: the spec, the roll-up and the sync state for freshness. */
const COLUMNS = [
  'p.ref',
  'p.scope',
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

/** A live pool with the scope of its source it was listed in. */
export type InventoryPool = NodePool & { scope: string };

/** Every live pool, read in one pass, as the pools API would return it. */
export async function loadInventory(db: Knex, now: Date): Promise<InventoryPool[]> {
  const rows: Array<PoolReadRow & { scope: string }> = await db('nodepools_pools as p')
    .join('nodepools_pool_documents as d', 'd.ref', 'p.ref')
    .leftJoin('nodepools_sources as s', 's.id', 'p.source')
    .leftJoin('nodepools_scopes as sc', function joinScope() {
      this.on('sc.source', '=', 'p.source').andOn('sc.scope', '=', 'p.scope');
    })
    .leftJoin('nodepools_sources as os', 'os.id', 'p.observed_source')
    .whereNull('p.tombstoned_at')
    .select(COLUMNS);
  return rows.map(row => ({ ...poolFromRow(row, now), scope: row.scope }));
}
