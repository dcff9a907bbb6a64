import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { WorkloadPool, WorkloadPoolsQuery } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../api';

/** Adds one workload's pools to others', pool by pool. */
function merge(into: Map<string, WorkloadPool>, items: WorkloadPool[]): void {
  for (const item of items) {
    const known = into.get(item.pool.ref);
    if (!known) {
      into.set(item.pool.ref, { ...item, namespaces: [...item.namespaces] });
      continue;
    }
    known.pods += item.pods;
    for (const { namespace, pods } of item.namespaces) {
      const entry = known.namespaces.find(n => n.namespace === namespace);
      if (entry) entry.pods += pods;
      else known.namespaces.push({ namespace, pods });
    }
  }
}

/** The pools the pods of these workloads run on, most pods first. */
export function useWorkloadPools(queries: WorkloadPoolsQuery[] | undefined) {
  const api = useApi(nodePoolsApiRef);
  const key = JSON.stringify(queries ?? null);
  return useAsync(async (): Promise<WorkloadPool[] | undefined> => {
    if (!queries) return undefined;
    const pools = new Map<string, WorkloadPool>();
    for (const query of queries) merge(pools, (await api.listWorkloadPools(query)).items);
    return [...pools.values()].sort((a, b) => b.pods - a.pods || a.pool.ref.localeCompare(b.pool.ref));
    // The key stands for the queries' content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
}
