import { clusterFinding } from '../context';
import type { GovernanceRule } from './types';
import { modeIsMeaningful } from './systemPools';

/**
 * A cluster of a provider whose pools have a mode (AKS) with exactly one
 * system pool: upgrading, scaling in or losing that pool leaves CoreDNS,
 * metrics-server and the other system pods nowhere else to run. Other
 * providers have no pool mode to count (see `modeIsMeaningful`).
 */
export const singleSystemPoolRule: GovernanceRule = {
  id: 'single-system-pool',
  severity: 'medium',
  description: 'The cluster has one system pool: system pods have nowhere else to go while it is upgraded or lost.',
  evaluate: (_input, ctx) =>
    ctx.clusters.flatMap(cluster => {
      const moded = cluster.pools.filter(p => modeIsMeaningful(p.pool.provider));
      if (moded.length === 0) return [];
      const system = moded.filter(p => p.pool.mode === 'system');
      if (system.length !== 1) return [];
      const only = system[0].pool;
      return [
        clusterFinding(singleSystemPoolRule, cluster, {
          message: `Cluster ${cluster.identity.cluster} has one system pool, ${only.name}: while it is upgraded or lost, system pods have nowhere else to run.`,
          details: { systemPool: only.name, systemPools: 1 },
          fix: `add a second system pool in other zones (az aks nodepool add --mode System --cluster-name ${cluster.identity.cluster} --name <name> --resource-group <resource-group> --zones 1 2 3), or keep the one pool at 3 or more nodes over zones`,
        }),
      ];
    }),
};
