import type { MachineCatalog } from '../machines/catalog';
import { allocatableFormulaFor, estimateAllocatable } from '../machines/allocatable';
import type { MachineType } from '../machines/types';
import type { ResourceAmounts } from '../model/pool';
import { hourlyPrice } from '../pricing/hourlyPrice';
import type { IdleHeadroom } from '../pricing/idle';
import type { PricingOverrides } from '../pricing/overrides';
import type { NodePrice, PoolCost } from '../pricing/types';
import { providerProfile } from '../providers/registry';
import type { PoolMachines } from './poolFacts';
import type { MixedWorkloads } from './rules/mixed-workloads';
import { SUGGESTION_KINDS, type GovernanceOptions, type GovernancePool, type PoolSuggestion } from './types';

/** Room a right-sized node keeps above the observed peak per node. */
export const RIGHT_SIZE_HEADROOM = 1.2;
/** Below this utilization a pool without autoscaler is worth autoscaling. */
export const LOW_UTILIZATION = 0.5;
/** Above this utilization a pool at its maximum is worth widening. */
export const HIGH_UTILIZATION = 0.9;
/** The utilization an autoscaled pool is sized for, for the enable-autoscaling figures. */
export const TARGET_UTILIZATION = 0.8;

/** What the suggestions read of one pool. */
export interface SuggestionInput {
  entry: GovernancePool;
  /** The pool's list-price cost (right-sizing compares list prices with list prices). */
  cost: PoolCost;
  idle?: IdleHeadroom;
  machines: PoolMachines;
  mixed?: MixedWorkloads;
  /** Pods of the pool's cluster no pool can take now. */
  unschedulablePods: number;
  options: GovernanceOptions;
  catalog: MachineCatalog;
  overrides?: PricingOverrides;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const GiB = 2 ** 30;

function nodesOf(entry: GovernancePool): number {
  return entry.pool.observed?.nodeCount ?? entry.pool.nodeCount ?? 0;
}

/** What a node of a type offers pods: the provider's allocatable estimate, else the raw machine. */
function offers(type: MachineType, provider: string): Required<Pick<ResourceAmounts, 'cpu' | 'memory' | 'pods'>> {
  const formula = allocatableFormulaFor(provider as Parameters<typeof allocatableFormulaFor>[0]);
  if (!formula) return { cpu: type.vcpu, memory: type.memoryMiB * 2 ** 20, pods: type.defaultMaxPods };
  const estimate = estimateAllocatable(type, formula);
  return { cpu: estimate.allocatable.cpu ?? 0, memory: estimate.allocatable.memory ?? 0, pods: estimate.maxPods };
}

/**
 * Right-size: a node-group pool of one catalog machine type whose observed
 * peak requests per node (`usage.peakRequested`, else the requests now),
 * with 20 % headroom, fit a cheaper type of the same family and
 * architecture (its allocatable estimate, pods included). The cheapest
 * such type is suggested; the saving is per node x nodes, at list prices.
 * GPU and accelerator pools are left alone: their type is chosen for the
 * device.
 */
export function rightSize(input: SuggestionInput): PoolSuggestion | undefined {
  const { entry, cost, machines, catalog } = input;
  const { pool } = entry;
  if (providerProfile(pool.provider).growth.kind !== 'node-group') return undefined;
  if (pool.machineTypes.length !== 1 || machines.types.length !== 1 || !machines.cloud || !cost.node) return undefined;
  const current = machines.types[0];
  if (current.category === 'gpu' || current.category === 'accelerator') return undefined;
  const nodes = pool.observed?.nodeCount ?? 0;
  const peak = entry.usage?.peakRequested ?? pool.observed?.requested;
  if (nodes <= 0 || peak?.cpu === undefined || peak.memory === undefined) return undefined;
  const need = {
    cpu: (peak.cpu / nodes) * RIGHT_SIZE_HEADROOM,
    memory: (peak.memory / nodes) * RIGHT_SIZE_HEADROOM,
    pods: ((pool.observed?.requested.pods ?? 0) / nodes) * RIGHT_SIZE_HEADROOM,
  };
  let best: { type: MachineType; price: NodePrice; offer: ReturnType<typeof offers> } | undefined;
  for (const type of catalog.list(machines.cloud)) {
    if (type.name === current.name || type.family !== current.family || type.arch !== current.arch) continue;
    const offer = offers(type, pool.provider);
    if (offer.cpu < need.cpu || offer.memory < need.memory || offer.pods < need.pods) continue;
    const lookup = hourlyPrice(type, {
      cloud: machines.cloud,
      region: pool.region,
      os: pool.os,
      capacityType: pool.capacityType,
      overrides: input.overrides,
    });
    if (!lookup.known || lookup.hourly >= cost.node.hourly) continue;
    if (!best || lookup.hourly < best.price.hourly || (lookup.hourly === best.price.hourly && type.name < best.type.name)) {
      best = { type, price: lookup, offer };
    }
  }
  if (!best) return undefined;
  const saving = nodes * (cost.node.monthly - best.price.monthly);
  return {
    kind: 'right-size',
    message: `Requests peak at ${round(need.cpu / RIGHT_SIZE_HEADROOM)} cores and ${round(need.memory / RIGHT_SIZE_HEADROOM / GiB)} GiB per node: ${best.type.name} holds that with 20% to spare for ${round(saving)} less a month than ${current.name}.`,
    monthlySaving: round(saving),
    details: {
      machineType: current.name,
      suggestedMachineType: best.type.name,
      nodes,
      peakCpuPerNode: round(need.cpu / RIGHT_SIZE_HEADROOM, 3),
      peakMemoryGiBPerNode: round(need.memory / RIGHT_SIZE_HEADROOM / GiB, 3),
      suggestedAllocatableCpu: round(best.offer.cpu, 3),
      suggestedAllocatableMemoryGiB: round(best.offer.memory / GiB, 3),
      currentHourly: cost.node.hourly,
      suggestedHourly: best.price.hourly,
      peakSource: entry.usage?.peakRequested ? 'peak-requested' : 'requested-now',
    },
  };
}

/**
 * Enable autoscaling: no autoscaler and less than half the pool requested.
 * Sized for 80 % utilization, the pool would run ceil(nodes x utilization /
 * 0.8) nodes (at least 1): the rest is the saving.
 */
export function enableAutoscaling(input: SuggestionInput): PoolSuggestion | undefined {
  const { entry, idle, cost } = input;
  const { pool } = entry;
  if (pool.autoscaling.enabled || pool.provider === 'kubernetes' || !idle) return undefined;
  const nodes = nodesOf(entry);
  if (nodes <= 1 || idle.utilization >= LOW_UTILIZATION) return undefined;
  const needed = Math.max(1, Math.ceil((nodes * idle.utilization) / TARGET_UTILIZATION - 1e-9));
  const saving = cost.node ? (nodes - needed) * cost.node.monthly : undefined;
  return {
    kind: 'enable-autoscaling',
    message: `${Math.round(idle.utilization * 100)}% of the pool's ${idle.bindingResource} is requested and nothing scales it: an autoscaler from ${needed} to ${nodes} nodes would follow its pods.`,
    ...(saving !== undefined && saving > 0 ? { monthlySaving: round(saving) } : {}),
    details: { nodes, utilization: round(idle.utilization, 4), suggestedMin: needed, suggestedMax: nodes },
  };
}

/** Widen autoscaling: at its maximum with pods no pool can take, or more than 90 % requested. Half as many nodes again. */
export function widenAutoscaling(input: SuggestionInput): PoolSuggestion | undefined {
  const { entry, idle, unschedulablePods } = input;
  const { pool } = entry;
  const max = pool.autoscaling.max;
  if (!pool.autoscaling.enabled || max === undefined) return undefined;
  const nodes = nodesOf(entry);
  const busy = idle !== undefined && idle.utilization > HIGH_UTILIZATION;
  if (nodes < max || (unschedulablePods <= 0 && !busy)) return undefined;
  const suggestedMax = max + Math.max(1, Math.ceil(max / 2));
  const why = unschedulablePods > 0 ? `its cluster has ${unschedulablePods} pods no pool can take` : `${Math.round(idle!.utilization * 100)}% of it is requested`;
  return {
    kind: 'widen-autoscaling',
    message: `The pool is at its maximum of ${max} nodes and ${why}: raise the maximum to ${suggestedMax}.`,
    details: { nodes, max, suggestedMax, unschedulablePods, ...(idle ? { utilization: round(idle.utilization, 4) } : {}) },
  };
}

/** Split: the pool mixes system pods and workloads (see the mixed-workloads rule). */
export function split(input: SuggestionInput): PoolSuggestion | undefined {
  const { mixed } = input;
  if (!mixed) return undefined;
  return {
    kind: 'split',
    message:
      mixed.reason === 'only-pool'
        ? 'The pool runs everything in its cluster: give the workloads a user pool of their own and keep this one for system pods.'
        : 'The system pool runs workloads: taint it for system pods only and let the workloads move to the user pools.',
    details: { reason: mixed.reason, systemPods: mixed.split.systemPods, workloadPods: mixed.split.workloadPods },
  };
}

/** Retire: no workload pod for `retireAfterDays` days; the saving is what the pool costs now. */
export function retire(input: SuggestionInput): PoolSuggestion | undefined {
  const days = input.entry.daysWithoutWorkloads;
  if (days === undefined || days < input.options.retireAfterDays) return undefined;
  const monthly = input.cost.current?.monthly;
  return {
    kind: 'retire',
    message: `No workload pod has run on the pool for ${days} days: delete it${monthly ? ` and save ${round(monthly)} a month` : ''}.`,
    ...(monthly ? { monthlySaving: round(monthly) } : {}),
    details: { daysWithoutWorkloads: days, retireAfterDays: input.options.retireAfterDays },
  };
}

const BY_KIND = { 'right-size': rightSize, 'enable-autoscaling': enableAutoscaling, 'widen-autoscaling': widenAutoscaling, split, retire };

/** Every suggestion for one pool, in the order of `SUGGESTION_KINDS`. */
export function poolSuggestions(input: SuggestionInput): PoolSuggestion[] {
  return SUGGESTION_KINDS.map(kind => BY_KIND[kind](input)).filter((s): s is PoolSuggestion => s !== undefined);
}
