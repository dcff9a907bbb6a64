import type { Knex } from 'knex';
import type { DailyOwnerRollup } from '@nodepools/plugin-nodepools-common';
import type { GovernanceApplySummary } from '../GovernanceStore';

interface DailyRow {
  day: string;
  owner: string;
  pools: number | string;
  nodes: number | string;
  monthly_cost: number | string;
  idle_monthly: number | string;
  requested_cpu: number | string;
  allocatable_cpu: number | string;
  requested_memory: number | string;
  allocatable_memory: number | string;
}

function toRow(rollup: DailyOwnerRollup): DailyRow {
  return {
    day: rollup.day,
    owner: rollup.owner,
    pools: rollup.pools,
    nodes: rollup.nodes,
    monthly_cost: rollup.monthlyCost,
    idle_monthly: rollup.idleMonthly,
    requested_cpu: rollup.requestedCpu,
    allocatable_cpu: rollup.allocatableCpu,
    requested_memory: rollup.requestedMemory,
    allocatable_memory: rollup.allocatableMemory,
  };
}

function fromRow(row: DailyRow): DailyOwnerRollup {
  return {
    day: row.day,
    owner: row.owner,
    pools: Number(row.pools),
    nodes: Number(row.nodes),
    monthlyCost: Number(row.monthly_cost),
    idleMonthly: Number(row.idle_monthly),
    requestedCpu: Number(row.requested_cpu),
    allocatableCpu: Number(row.allocatable_cpu),
    requestedMemory: Number(row.requested_memory),
    allocatableMemory: Number(row.allocatable_memory),
  };
}

const sameRollup = (a: DailyOwnerRollup, b: DailyOwnerRollup) =>
  (Object.keys(a) as Array<keyof DailyOwnerRollup>).every(key => a[key] === b[key]);

/**
 * Brings the roll-ups of the evaluated days up to date: a row is written
 * only when its figures changed, and an owner no longer present that day
 * loses its row.
 */
export async function applyDaily(
  tx: Knex.Transaction,
  rollups: DailyOwnerRollup[],
  summary: GovernanceApplySummary,
): Promise<void> {
  const days = [...new Set(rollups.map(r => r.day))];
  if (!days.length) return;
  const stored = new Map<string, DailyOwnerRollup>();
  for (const row of (await tx('nodepools_governance_daily').whereIn('day', days)) as DailyRow[]) {
    stored.set(`${row.day}\u0000${row.owner}`, fromRow(row));
  }
  const seen = new Set<string>();
  for (const rollup of rollups) {
    const key = `${rollup.day}\u0000${rollup.owner}`;
    seen.add(key);
    const old = stored.get(key);
    if (old && sameRollup(old, rollup)) continue;
    if (old) await tx('nodepools_governance_daily').where({ day: rollup.day, owner: rollup.owner }).update(toRow(rollup));
    else await tx('nodepools_governance_daily').insert(toRow(rollup));
    summary.dailyWritten++;
    summary.rowsWritten++;
  }
  for (const [key, old] of stored) {
    if (seen.has(key)) continue;
    await tx('nodepools_governance_daily').where({ day: old.day, owner: old.owner }).delete();
    summary.dailyWritten++;
    summary.rowsWritten++;
  }
}

export async function ownerHistory(db: Knex, owner: string, sinceDay: string): Promise<DailyOwnerRollup[]> {
  const rows: DailyRow[] = await db('nodepools_governance_daily')
    .where({ owner })
    .where('day', '>=', sinceDay)
    .orderBy('day');
  return rows.map(fromRow);
}
