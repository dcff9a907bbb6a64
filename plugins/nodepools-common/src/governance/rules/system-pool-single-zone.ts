import { poolFinding } from '../context';
import type { GovernanceRule } from './types';
import { poolZones } from './systemPools';

const FIXES: Readonly<Record<string, string>> = {
  aks: 'AKS sets zones at creation: add a system pool over zones 1, 2 and 3 (az aks nodepool add --mode System --zones 1 2 3), then delete this one',
  gke: 'spread the pool over zones (gcloud container node-pools update --node-locations with 2 or more zones)',
  karpenter: 'allow several zones in the NodePool (topology.kubernetes.io/zone requirement) and spread system pods with topologySpreadConstraints',
};

/**
 * A system pool whose nodes are in fewer than 2 zones (its declared zones,
 * else its observed nodes'). A pool with no zone known gives nothing.
 */
export const systemPoolSingleZoneRule: GovernanceRule = {
  id: 'system-pool-single-zone',
  severity: 'medium',
  description: 'A system pool in a single zone: a zone outage stops the cluster’s system pods.',
  evaluate: (_input, ctx) =>
    ctx.pools.flatMap(({ pool }) => {
      if (pool.mode !== 'system') return [];
      const zones = poolZones(pool);
      if (zones.length === 0 || zones.length >= 2) return [];
      return [
        poolFinding(systemPoolSingleZoneRule, ctx.facts(pool.ref), {
          message: `System pool ${pool.name} in ${pool.cluster} runs in one zone (${zones[0]}): a zone outage stops the cluster's system pods.`,
          details: { zones: zones.join(','), source: pool.zones.length > 0 ? 'spec' : 'observed' },
          fix: FIXES[pool.provider] ?? 'spread the pool over at least 2 zones (subnets or node locations in other zones)',
        }),
      ];
    }),
};
