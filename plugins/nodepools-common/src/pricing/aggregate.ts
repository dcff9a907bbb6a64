import { providerProfile } from '../providers/registry';
import { controlPlaneFee } from './controlPlane';
import type { ControlPlaneTier } from './data/controlPlane';
import type { PricingOverrides } from './overrides';
import type { ControlPlaneCost, PoolCost, PriceNote } from './types';

export const COST_GROUPINGS = ['owner', 'cluster', 'provider'] as const;
export type CostGrouping = (typeof COST_GROUPINGS)[number];

/** The owner key of pools without an owner. */
export const UNOWNED = '-';

export interface CostTotals {
  hourly: number;
  monthly: number;
}

export interface CostGroup {
  /** The owner entity ref (UNOWNED for none), the cluster key (see clusterKey) or the provider. */
  key: string;
  pools: number;
  pricedPools: number;
  /** Sum over priced pools whose current node count is known. */
  current: CostTotals;
  /** Sum at every priced pool's minimum. */
  min: CostTotals;
  /** Sum at every priced pool's maximum, leaving out the unbounded ones (then a floor). */
  max: CostTotals;
  /** `cluster` grouping: the cluster's managed control-plane fee, when the cluster has one. */
  controlPlane?: ControlPlaneCost;
  /** `current` plus the control-plane fee. */
  total: CostTotals;
  /** True when any figure in the group is an estimate. */
  estimated: boolean;
  /** Pools with no price, left out of every sum, with the reasons. */
  unknownPools: Array<{ ref: string; notes: PriceNote[] }>;
  /** Priced pools whose current node count is not known, left out of `current`. */
  currentMissing: string[];
  /** Priced pools with no maximum, left out of `max`. */
  maxUnbounded: string[];
}

export interface AggregateOptions {
  /**
   * `cluster` grouping only: each cluster's control-plane fee is added with
   * these overrides and tiers (by cluster key); `false` leaves fees out.
   */
  controlPlane?: false | { overrides?: PricingOverrides; tiers?: Readonly<Record<string, ControlPlaneTier>> };
}

/** Pools of a cloud's cluster: its managed control plane bills per cluster. */
function onManagedCluster(provider: string): boolean {
  return providerProfile(provider).cloud !== 'none';
}

/** `cloud/account/region/cluster` (`-` for an unknown part): EKS and Karpenter pools of one cluster share it. */
export function clusterKey(
  cost: Pick<PoolCost, 'cloud' | 'provider' | 'account' | 'region' | 'cluster'>,
): string {
  return [cost.cloud ?? cost.provider, cost.account, cost.region, cost.cluster]
    .map(part => (part === undefined || part === '' ? '-' : part))
    .join('/');
}

function keyOf(cost: PoolCost, by: CostGrouping): string {
  switch (by) {
    case 'owner':
      return cost.owner ?? UNOWNED;
    case 'cluster':
      return clusterKey(cost);
    default:
      return cost.provider;
  }
}

const zero = (): CostTotals => ({ hourly: 0, monthly: 0 });

function add(totals: CostTotals, amount: { hourly: number; monthly: number } | undefined) {
  if (!amount) return;
  totals.hourly += amount.hourly;
  totals.monthly += amount.monthly;
}

function emptyGroup(key: string): CostGroup {
  return {
    key,
    pools: 0,
    pricedPools: 0,
    current: zero(),
    min: zero(),
    max: zero(),
    total: zero(),
    estimated: false,
    unknownPools: [],
    currentMissing: [],
    maxUnbounded: [],
  };
}

/**
 * Sums pool costs per owner, cluster or provider. Nothing unknown counts as
 * 0 silently: unpriced pools, unknown counts and unbounded maxima are listed
 * beside the sums. Control-plane fees belong to clusters only: owners share a
 * cluster, so owner and provider groups hold node costs alone.
 */
export function aggregateCosts(
  costs: readonly PoolCost[],
  by: CostGrouping,
  options: AggregateOptions = {},
): CostGroup[] {
  const groups = new Map<string, CostGroup>();
  const managedClouds = new Map<string, PoolCost>();
  for (const cost of costs) {
    const key = keyOf(cost, by);
    let group = groups.get(key);
    if (!group) {
      group = emptyGroup(key);
      groups.set(key, group);
    }
    group.pools += 1;
    if (cost.cloud && onManagedCluster(cost.provider) && !managedClouds.has(key)) {
      managedClouds.set(key, cost);
    }
    if (!cost.known) {
      group.unknownPools.push({ ref: cost.ref, notes: cost.notes });
      continue;
    }
    group.pricedPools += 1;
    group.estimated ||= cost.estimated;
    add(group.current, cost.current);
    add(group.min, cost.min);
    add(group.max, cost.max);
    if (!cost.current) group.currentMissing.push(cost.ref);
    if (!cost.max) group.maxUnbounded.push(cost.ref);
  }
  for (const group of groups.values()) {
    const managed = managedClouds.get(group.key);
    if (by === 'cluster' && options.controlPlane !== false && managed?.cloud) {
      group.controlPlane = controlPlaneFee(managed.cloud, {
        region: managed.region,
        overrides: options.controlPlane?.overrides,
        tier: options.controlPlane?.tiers?.[group.key],
      });
      group.estimated ||= group.controlPlane.estimated;
    }
    add(group.total, group.current);
    add(group.total, group.controlPlane);
  }
  return [...groups.values()].sort(
    (a, b) => b.total.monthly - a.total.monthly || a.key.localeCompare(b.key),
  );
}
