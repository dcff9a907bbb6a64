import type { MachineCatalog } from '../machines/catalog';
import type { ClusterIdentity } from '../model/cluster';
import type { PricingOverrides } from '../pricing/overrides';
import { poolCost, type PoolForCost } from '../pricing/poolCost';
import type { PoolCost } from '../pricing/types';
import { REQUEST_KIND_PROFILES } from './kinds';
import type { OwnerQuota, OwnerUsage } from './policy/types';
import type { PoolRequestSpec, RequestCost } from './types';

/** The request as the price model reads a pool. */
export function requestAsPool(spec: PoolRequestSpec, cluster?: ClusterIdentity): PoolForCost {
  const profile = REQUEST_KIND_PROFILES[spec.kind];
  const range = spec.autoscaling;
  return {
    provider: profile.provider,
    account: cluster?.account,
    region: cluster?.region,
    cluster: cluster?.cluster ?? spec.cluster,
    name: spec.name,
    os: spec.os,
    capacityType: spec.capacityType,
    machineTypes: spec.machineTypes,
    nodeCount: range ? spec.nodeCount ?? range.min : spec.nodeCount,
    autoscaling: range ? { enabled: true, min: range.min, max: range.max } : { enabled: false },
  };
}

/** The request's price at its smallest and largest size, and its owner's total with it. */
export function requestCost(options: {
  spec: PoolRequestSpec;
  cluster?: ClusterIdentity;
  catalog: MachineCatalog;
  pricing?: PricingOverrides;
  ownerUsage: OwnerUsage;
  quota?: OwnerQuota;
}): RequestCost & { pool: PoolCost } {
  const pool = poolCost(requestAsPool(options.spec, options.cluster), {
    catalog: options.catalog,
    overrides: options.pricing,
  });
  const ownerCurrentMonthly = round(options.ownerUsage.monthly);
  return {
    pool,
    known: pool.known,
    ...(pool.node ? { nodeMonthly: round(pool.node.monthly) } : {}),
    ...(pool.min ? { min: roundSize(pool.min) } : {}),
    ...(pool.max ? { max: roundSize(pool.max) } : {}),
    ownerCurrentMonthly,
    ...(pool.max ? { ownerAfterMonthly: round(ownerCurrentMonthly + pool.max.monthly) } : {}),
    ...(options.quota?.monthlyCost !== undefined ? { ownerQuotaMonthly: options.quota.monthlyCost } : {}),
    notes: pool.notes,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function roundSize(size: { nodes: number; hourly: number; monthly: number }) {
  return { nodes: size.nodes, hourly: Math.round(size.hourly * 10000) / 10000, monthly: round(size.monthly) };
}
