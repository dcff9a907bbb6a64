import { UNOWNED } from '../pricing/aggregate';
import type { CapacityFigures, CostGroupBy, CostRollup, DailyOwnerRollup, PoolGovernance } from './types';

/** The key of the roll-up of every pool. */
export const TOTAL_KEY = 'total';

function keyOf(pool: PoolGovernance, by: CostGroupBy): string {
  switch (by) {
    case 'owner':
      return pool.owner ?? UNOWNED;
    case 'cluster':
      return pool.clusterRef;
    default:
      return pool.provider;
  }
}

function emptyRollup(key: string): CostRollup {
  return {
    key,
    pools: 0,
    capacity: { nodes: 0, requested: { cpu: 0, memory: 0 }, allocatable: { cpu: 0, memory: 0 } },
    monthlyCost: 0,
    idleMonthly: 0,
    estimated: false,
    unpricedPools: 0,
  };
}

function addCapacity(into: CapacityFigures, from: CapacityFigures): void {
  into.nodes += from.nodes;
  into.requested.cpu = (into.requested.cpu ?? 0) + (from.requested.cpu ?? 0);
  into.requested.memory = (into.requested.memory ?? 0) + (from.requested.memory ?? 0);
  into.allocatable.cpu = (into.allocatable.cpu ?? 0) + (from.allocatable.cpu ?? 0);
  into.allocatable.memory = (into.allocatable.memory ?? 0) + (from.allocatable.memory ?? 0);
  if (from.used) {
    into.used = {
      cpu: (into.used?.cpu ?? 0) + (from.used.cpu ?? 0),
      memory: (into.used?.memory ?? 0) + (from.used.memory ?? 0),
    };
  }
}

function add(rollup: CostRollup, pool: PoolGovernance): void {
  rollup.pools += 1;
  addCapacity(rollup.capacity, pool.capacity);
  const current = pool.cost.known ? pool.cost.current : undefined;
  if (current) {
    rollup.monthlyCost += current.monthly;
    rollup.idleMonthly += pool.idle?.monthly ?? 0;
    rollup.estimated ||= pool.cost.estimated;
  } else {
    rollup.unpricedPools += 1;
    rollup.estimated = true;
  }
}

/**
 * Pools' cost and capacity summed per owner (`-` for none), cluster ref or
 * provider, most expensive first (then by key), with the total of all. A
 * pool without a current cost (no price, or no node count) adds to
 * `unpricedPools` and marks its group estimated; nothing unknown counts as 0
 * silently. Node costs only: control-plane fees belong to no owner.
 */
export function rollupCosts(pools: readonly PoolGovernance[], groupBy: CostGroupBy): { items: CostRollup[]; total: CostRollup } {
  const groups = new Map<string, CostRollup>();
  const total = emptyRollup(TOTAL_KEY);
  for (const pool of pools) {
    const key = keyOf(pool, groupBy);
    const group = groups.get(key) ?? emptyRollup(key);
    groups.set(key, group);
    add(group, pool);
    add(total, pool);
  }
  const items = [...groups.values()].sort((a, b) => b.monthlyCost - a.monthlyCost || a.key.localeCompare(b.key));
  return { items, total };
}

/** One owner's roll-up of a day, for the charts over time (UTC day `YYYY-MM-DD`). */
export function dailyOwnerRollups(pools: readonly PoolGovernance[], day: string): DailyOwnerRollup[] {
  return rollupCosts(pools, 'owner').items.map(item => ({
    day,
    owner: item.key,
    pools: item.pools,
    nodes: item.capacity.nodes,
    monthlyCost: item.monthlyCost,
    idleMonthly: item.idleMonthly,
    requestedCpu: item.capacity.requested.cpu ?? 0,
    allocatableCpu: item.capacity.allocatable.cpu ?? 0,
    requestedMemory: item.capacity.requested.memory ?? 0,
    allocatableMemory: item.capacity.allocatable.memory ?? 0,
  }));
}
