import { clusterUnschedulable } from '../clusters';
import { clusterFinding } from '../context';
import type { GovernanceRule } from './types';

/**
 * A cluster whose latest triage found pods no pool can take, even after
 * scale-up (see `clusterUnschedulable` for how its report is found).
 */
export const unschedulablePodsRule: GovernanceRule = {
  id: 'unschedulable-pods',
  severity: 'high',
  description: 'The cluster has pending pods that no pool can take.',
  evaluate: (input, ctx) =>
    ctx.clusters.flatMap(cluster => {
      const report = clusterUnschedulable(input.unschedulable, cluster);
      if (!report || report.pods <= 0) return [];
      const examples = report.examples.slice(0, 5);
      return [
        clusterFinding(unschedulablePodsRule, cluster, {
          message: `Cluster ${cluster.identity.cluster} has ${report.pods} pending pod${report.pods === 1 ? '' : 's'} no pool can take${examples.length ? ` (${examples.join(', ')})` : ''}.`,
          details: { pods: report.pods, examples: examples.join(','), analyzedAt: report.analyzedAt },
          fix: 'open the cluster’s pending-pod triage: it names, per pod, the toleration, selector, pool or bigger maximum it needs',
        }),
      ];
    }),
};
