import type { MachineType } from '../machines/types';
import type { NodePool, PoolSpec } from '../model/pool';
import { parseQuantity } from '../quantity/parse';
import { note, type PriceNote } from './types';

export interface NodeBounds {
  current?: number;
  min?: number;
  max?: number;
  notes: PriceNote[];
}

/** A node's amount of a resource named as Karpenter `spec.limits` names it. */
function perNode(type: MachineType, resource: string): number | undefined {
  if (resource === 'cpu') return type.vcpu;
  if (resource === 'memory') return type.memoryMiB * 2 ** 20;
  return type.extendedResources[resource];
}

/**
 * The most nodes Karpenter `spec.limits` let a pool have: for each limited
 * resource the limit over the smallest node's amount, rounded down, and the
 * least of those. Undefined when no limit applies to the pool's types.
 */
export function nodesWithinLimits(
  limits: Readonly<Record<string, string>> | undefined,
  types: readonly MachineType[],
): { nodes: number; resource: string; limit: string } | undefined {
  if (!limits || types.length === 0) return undefined;
  let best: { nodes: number; resource: string; limit: string } | undefined;
  for (const [resource, limit] of Object.entries(limits)) {
    const amounts = types.map(type => perNode(type, resource));
    if (amounts.some(amount => amount === undefined || amount <= 0)) continue;
    let total: number;
    try {
      total = parseQuantity(limit);
    } catch {
      continue;
    }
    const nodes = Math.floor(total / Math.min(...(amounts as number[])));
    if (!best || nodes < best.nodes) best = { nodes, resource, limit };
  }
  return best;
}

/**
 * A pool's node counts: now (the observed types' counts, else the provider's
 * count, else the observed node count), and the autoscaler's range. A pool
 * without autoscaling stays at its count. An autoscaled pool with no minimum
 * (Karpenter) can shrink to 0; with no maximum its `spec.limits` bound it,
 * else it has no bound.
 */
export function nodeBounds(
  pool: Pick<PoolSpec, 'autoscaling'> & Partial<Pick<NodePool, 'nodeCount' | 'observed' | 'limits'>>,
  observedMachineTypes: Readonly<Record<string, number>>,
  types: readonly MachineType[],
): NodeBounds {
  const notes: PriceNote[] = [];
  const observedCounts = Object.values(observedMachineTypes).filter(count => count > 0);
  const current =
    observedCounts.length > 0
      ? observedCounts.reduce((sum, count) => sum + count, 0)
      : pool.nodeCount ?? pool.observed?.nodeCount;
  if (current === undefined) {
    notes.push(note('node-count-unknown', 'the current node count is not known'));
  }
  if (!pool.autoscaling.enabled) {
    return { current, min: current, max: current, notes };
  }
  const min = pool.autoscaling.min ?? 0;
  let max = pool.autoscaling.max;
  if (max === undefined) {
    const bound = nodesWithinLimits(pool.limits, types);
    if (bound) {
      max = bound.nodes;
      notes.push(
        note(
          'limits-bound-max',
          `no maximum node count: the limit ${bound.resource} ${bound.limit} allows at most ${bound.nodes} nodes`,
        ),
      );
    } else {
      notes.push(
        note('max-unbounded', 'the autoscaler has no maximum node count and no limit bounds the pool'),
      );
    }
  }
  return { current, min, max, notes };
}
