import type { ClusterGroup } from '../clusters';
import { poolFinding } from '../context';
import { splitWorkloads, type WorkloadSplit } from '../namespaces';
import type { GovernancePool } from '../types';
import type { GovernanceRule } from './types';

/** Why a pool mixes the cluster's own pods with teams' workloads. */
export interface MixedWorkloads {
  reason: 'only-pool' | 'system-pool-runs-workloads';
  split: WorkloadSplit;
}

/**
 * DaemonSets put system pods (CNI, kube-proxy, CSI, log agents) on every
 * node, so system pods on a user pool say nothing. A pool mixes what should
 * be apart when:
 *
 * - it is the only live pool of its cluster and runs both system pods and
 *   workload pods: one pool runs everything (`only-pool`);
 * - it is a system pool running workload pods while its cluster has user
 *   pools they could run on (`system-pool-runs-workloads`).
 *
 * System namespaces are those of `SYSTEM_NAMESPACES`; pools without
 * workload data give nothing.
 */
export function mixedWorkloadsOf(entry: GovernancePool, cluster: ClusterGroup): MixedWorkloads | undefined {
  const split = splitWorkloads(entry.workloads);
  if (!split || split.workloadPods === 0) return undefined;
  if (cluster.pools.length === 1 && split.systemPods > 0) return { reason: 'only-pool', split };
  const userPools = cluster.pools.filter(p => p.pool.mode === 'user').length;
  if (entry.pool.mode === 'system' && userPools > 0) return { reason: 'system-pool-runs-workloads', split };
  return undefined;
}

export const mixedWorkloadsRule: GovernanceRule = {
  id: 'mixed-workloads',
  severity: 'medium',
  description: 'One pool runs the cluster’s system pods and teams’ workloads together.',
  evaluate: (_input, ctx) =>
    ctx.pools.flatMap(entry => {
      const facts = ctx.facts(entry.pool.ref);
      const mixed = mixedWorkloadsOf(entry, facts.cluster);
      if (!mixed) return [];
      const { pool } = entry;
      const { split } = mixed;
      const teams = split.workloadNamespaces.slice(0, 5).join(', ');
      const message =
        mixed.reason === 'only-pool'
          ? `Pool ${pool.name} is the only pool of ${pool.cluster} and runs everything: ${split.systemPods} system pods and ${split.workloadPods} workload pods (${teams}).`
          : `System pool ${pool.name} in ${pool.cluster} runs ${split.workloadPods} workload pods (${teams}) beside the cluster's system pods.`;
      const fix =
        mixed.reason === 'only-pool'
          ? 'add a user pool for the workloads and keep this one for system pods (taint it CriticalAddonsOnly=true:NoSchedule once the workloads have moved)'
          : 'taint the system pool CriticalAddonsOnly=true:NoSchedule so that only system pods land on it, and let the workloads move to the user pools';
      return [
        poolFinding(mixedWorkloadsRule, facts, {
          message,
          details: {
            reason: mixed.reason,
            systemPods: split.systemPods,
            workloadPods: split.workloadPods,
            workloadNamespaces: split.workloadNamespaces.join(','),
          },
          fix,
        }),
      ];
    }),
};
