import type { Knex } from 'knex';
import {
  matchesSelector,
  type PoolWorkload,
  type SelectorRequirement,
} from '@nodepools/plugin-nodepools-common';
import { chunks } from '../sync/chunks';
import type { WorkloadPods, WorkloadStore } from './WorkloadStore';

export class DatabaseWorkloadStore implements WorkloadStore {
  constructor(private readonly db: Knex) {}

  /** Workload rows of live pools whose roll-up is still the one they were recorded with. */
  private current(): Knex.QueryBuilder {
    return this.db('nodepools_pool_workloads as w')
      .join('nodepools_pools as p', 'p.ref', 'w.ref')
      .whereNull('p.tombstoned_at')
      .whereRaw('p.observed_source = w.source');
  }

  async findPools(query: {
    requirements: SelectorRequirement[];
    lookup: SelectorRequirement;
    namespace?: string;
  }): Promise<WorkloadPods[]> {
    const candidates: Array<{ ref: string }> = await this.db('nodepools_workload_labels')
      .where('label_key', query.lookup.key)
      .whereIn('label_value', query.lookup.values)
      .distinct('ref');
    const found: WorkloadPods[] = [];
    for (const part of chunks(candidates.map(row => row.ref))) {
      const rows: Array<{ ref: string; workloads: string }> = await this.current()
        .whereIn('w.ref', part)
        .select('w.ref', 'w.workloads');
      for (const row of rows) {
        const byNamespace = new Map<string, number>();
        for (const workload of JSON.parse(row.workloads) as PoolWorkload[]) {
          if (query.namespace && workload.namespace !== query.namespace) continue;
          if (!matchesSelector(query.requirements, workload.labels)) continue;
          byNamespace.set(workload.namespace, (byNamespace.get(workload.namespace) ?? 0) + workload.pods);
        }
        if (!byNamespace.size) continue;
        const namespaces = [...byNamespace]
          .map(([namespace, pods]) => ({ namespace, pods }))
          .sort((a, b) => b.pods - a.pods || a.namespace.localeCompare(b.namespace));
        found.push({ ref: row.ref, pods: namespaces.reduce((sum, n) => sum + n.pods, 0), namespaces });
      }
    }
    return found.sort((a, b) => b.pods - a.pods || a.ref.localeCompare(b.ref));
  }
}
