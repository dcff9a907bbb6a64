import { parseClusterRef, type ClusterIdentity } from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { TriageInventory } from '../triage/runTriage';
import { restrictionOf, scopeCovers, type PoolScope } from './poolScope';

/**
 * The inventory an analysis on demand reads for a caller: only the pools
 * (and so the clusters) the caller may read, so posted kubectl output
 * never brings back pools the caller could not list.
 */
export function visibleInventory(
  store: TriageInventory & Pick<PoolStore, 'listClusters'>,
  scope: PoolScope,
): TriageInventory {
  if (scope.kind === 'all') return store;
  return {
    async findClusters(name: string): Promise<ClusterIdentity[]> {
      const clusters = await store.listClusters(restrictionOf(scope));
      return clusters
        .filter(summary => summary.cluster === name)
        .map(summary => parseClusterRef(summary.ref));
    },
    async listClusterPools(cluster: ClusterIdentity) {
      const pools = await store.listClusterPools(cluster);
      return pools.filter(pool => scopeCovers(scope, pool));
    },
  };
}
