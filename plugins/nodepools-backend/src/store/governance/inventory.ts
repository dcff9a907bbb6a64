import type { Knex } from 'knex';
import type { NodePoolDetail, PoolWorkload } from '@nodepools/plugin-nodepools-common';
import type { GovernanceInventoryPool } from '../GovernanceStore';
import { poolReadColumns, poolsWithSyncState } from '../poolReads';
import { poolFromRow, type PoolReadRow } from '../rows';
import { chunks } from '../sync/chunks';

interface InventoryRow extends PoolReadRow {
  workloads: string | null;
  other_pods: number | string | null;
  last_workload_at: string | null;
}

/**
 * Live pools as the pool page returns them (freshness, owner status,
 * observed nodes, the raw record), with the workloads of their current roll-up and when
 * the last evaluation last saw workload pods on them.
 */
function inventoryQuery(db: Knex): Knex.QueryBuilder {
  return poolsWithSyncState(db, { observed: true })
    .leftJoin('nodepools_pool_workloads as w', function joinWorkloads() {
      // Only the workloads of the roll-up the pool carries now.
      this.on('w.ref', '=', 'p.ref').andOn('w.source', '=', 'p.observed_source');
    })
    .leftJoin('nodepools_governance_pools as g', 'g.ref', 'p.ref')
    .whereNull('p.tombstoned_at')
    // The raw record: the surge settings of the upgrade posture are read from it.
    .select([...poolReadColumns(db), 'd.raw', 'w.workloads', 'w.other_pods', 'g.last_workload_at']);
}

function toInventoryPool(row: InventoryRow, now: Date): GovernanceInventoryPool {
  const pool: NodePoolDetail = { ...poolFromRow(row, now), ...(row.raw ? { raw: JSON.parse(row.raw) } : {}) };
  const entry: GovernanceInventoryPool = { pool };
  if (row.workloads !== null) {
    entry.workloads = {
      workloads: JSON.parse(row.workloads) as PoolWorkload[],
      otherPods: Number(row.other_pods ?? 0),
    };
  }
  if (row.last_workload_at) entry.lastWorkloadAt = row.last_workload_at;
  return entry;
}

export async function loadGovernancePools(db: Knex, now: Date): Promise<GovernanceInventoryPool[]> {
  const rows: InventoryRow[] = await inventoryQuery(db).orderBy('p.ref');
  return rows.map(row => toInventoryPool(row, now));
}

export async function loadGovernancePoolsByRef(
  db: Knex,
  refs: string[],
  now: Date,
): Promise<GovernanceInventoryPool[]> {
  const found: GovernanceInventoryPool[] = [];
  for (const part of chunks(refs)) {
    const rows: InventoryRow[] = await inventoryQuery(db).whereIn('p.ref', part);
    found.push(...rows.map(row => toInventoryPool(row, now)));
  }
  // Ordered by ref, as `loadGovernancePools` returns them.
  return found.sort((a, b) => {
    if (a.pool.ref === b.pool.ref) return 0;
    return a.pool.ref < b.pool.ref ? -1 : 1;
  });
}
