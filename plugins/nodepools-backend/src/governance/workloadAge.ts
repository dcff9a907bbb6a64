import { splitWorkloads, type PoolWorkloads } from '@nodepools/plugin-nodepools-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a pool has gone without workload pods (pods outside the
 * cluster's own namespaces), and when they were last seen, to store. The
 * time is the evaluation that first found none, so it is written once per
 * change, not at every evaluation. Unknown without workloads recorded.
 */
export function workloadAge(
  workloads: PoolWorkloads | undefined,
  lastWorkloadAt: string | undefined,
  now: Date,
): { daysWithoutWorkloads?: number; lastWorkloadAt: string | null } {
  const split = splitWorkloads(workloads);
  if (!split) return { lastWorkloadAt: lastWorkloadAt ?? null };
  if (split.workloadPods > 0) return { daysWithoutWorkloads: 0, lastWorkloadAt: null };
  const since = lastWorkloadAt ?? now.toISOString();
  return {
    daysWithoutWorkloads: Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS)),
    lastWorkloadAt: since,
  };
}
