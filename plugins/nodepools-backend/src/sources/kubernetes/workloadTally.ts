import {
  MAX_WORKLOADS_PER_POOL,
  type PoolWorkload,
  type PoolWorkloads,
} from '@nodepools/plugin-nodepools-common';

/**
 * Distinct workloads counted while pods are read; pods of further ones
 * count as `otherPods`. Keeps memory bounded on a pool of many small jobs,
 * with room to keep the largest `MAX_WORKLOADS_PER_POOL`.
 */
const MAX_TRACKED = MAX_WORKLOADS_PER_POOL * 10;

/**
 * Counts one pool's running pods by namespace and by the values of the
 * workload label keys, so a catalog entity's pods can be found by label
 * selector without the pods being kept.
 */
export class WorkloadTally {
  private readonly counts = new Map<string, PoolWorkload>();
  private untracked = 0;

  constructor(private readonly labelKeys: readonly string[]) {}

  addPod(namespace: string, podLabels: Record<string, string> | undefined): void {
    const labels: Record<string, string> = {};
    for (const key of this.labelKeys) {
      const value = podLabels?.[key];
      if (value !== undefined) labels[key] = value;
    }
    const id = `${namespace}\u0000${this.labelKeys.map(k => labels[k] ?? '\u0001').join('\u0000')}`;
    const counted = this.counts.get(id);
    if (counted) {
      counted.pods += 1;
    } else if (this.counts.size < MAX_TRACKED) {
      this.counts.set(id, { namespace, labels, pods: 1 });
    } else {
      this.untracked += 1;
    }
  }

  reset(): void {
    this.counts.clear();
    this.untracked = 0;
  }

  /** The largest workloads first (ties by namespace, then labels), the rest counted. */
  result(): PoolWorkloads {
    const sorted = [...this.counts.values()].sort(
      (a, b) =>
        b.pods - a.pods ||
        a.namespace.localeCompare(b.namespace) ||
        JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)),
    );
    const kept = sorted.slice(0, MAX_WORKLOADS_PER_POOL).map(w => ({ ...w, labels: { ...w.labels } }));
    const dropped = sorted.slice(MAX_WORKLOADS_PER_POOL).reduce((sum, w) => sum + w.pods, 0);
    return { workloads: kept, otherPods: dropped + this.untracked };
  }
}
