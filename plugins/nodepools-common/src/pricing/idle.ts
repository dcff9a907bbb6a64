import type { ObservedNodes } from '../model/pool';
import type { PoolCost } from './types';

export interface IdleHeadroom {
  /** Requested over allocatable of the pool's binding resource (cpu or memory), 0-1. */
  utilization: number;
  /** Resource that binds: the one whose requests fill more of the nodes. */
  bindingResource: 'cpu' | 'memory';
  /** The current cost's share that no pod requests, per hour and month. */
  hourly: number;
  monthly: number;
}

function share(requested: number | undefined, allocatable: number | undefined): number | undefined {
  if (allocatable === undefined || allocatable <= 0) return undefined;
  return Math.min(1, Math.max(0, (requested ?? 0) / allocatable));
}

/**
 * What a pool's idle capacity costs: the current cost times the share of the
 * nodes' allocatable that pods do not request, taken on the resource whose
 * requests fill more of the nodes (a node is full when either is). Undefined
 * without a current cost or observed allocatable cpu and memory.
 */
export function idleHeadroom(
  cost: Pick<PoolCost, 'current'>,
  observed: Pick<ObservedNodes, 'allocatable' | 'requested'> | undefined,
): IdleHeadroom | undefined {
  if (!cost.current || !observed) return undefined;
  const cpu = share(observed.requested.cpu, observed.allocatable.cpu);
  const memory = share(observed.requested.memory, observed.allocatable.memory);
  if (cpu === undefined || memory === undefined) return undefined;
  const bindingResource = cpu >= memory ? 'cpu' : 'memory';
  const utilization = Math.max(cpu, memory);
  return {
    utilization,
    bindingResource,
    hourly: cost.current.hourly * (1 - utilization),
    monthly: cost.current.monthly * (1 - utilization),
  };
}
