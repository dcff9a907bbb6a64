import type { LoggerService } from '@backstage/backend-plugin-api';
import { clusterRef, type ClusterIdentity, type NodePool, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import type { TriageAnalyzer } from './analysis/TriageAnalyzer';
import type { TriageCollector } from './collectors';
import { resolveCluster } from './resolveCluster';

/** What a triage reads of the inventory. */
export type TriageInventory = Pick<PoolStore, 'findClusters' | 'listClusterPools'>;

/**
 * The cluster and pools an input is read against: without pools of its
 * own, the pools of `cluster` in the inventory (resolved there, so a bare
 * name works while it is unambiguous).
 */
export async function inventoryPools(
  store: TriageInventory,
  cluster: ClusterIdentity | undefined,
  hasPools: boolean,
): Promise<{ cluster?: string; pools?: Array<PoolSpec | NodePool> }> {
  if (!cluster) return {};
  const resolved = await resolveCluster(store, cluster);
  return { cluster: resolved.cluster, pools: hasPools ? undefined : await store.listClusterPools(resolved) };
}

/** Reads the snapshot against the pools of its cluster as the inventory holds them once it is read. */
async function collectAgainstInventory(store: TriageInventory, collector: TriageCollector, signal?: AbortSignal) {
  // Resolved first: an ambiguous cluster is not worth reading.
  const resolved = await resolveCluster(store, collector.cluster);
  const snapshot = await collector.collect(signal);
  const pools = await store.listClusterPools(resolved);
  return { snapshot, input: { ...snapshot.input, cluster: resolved.cluster, pools } };
}

/**
 * Collects each cluster's snapshot and stores its triage under the
 * cluster's ref. A cluster that cannot be read or analyzed (past a limit,
 * out of time) keeps its previous report, with the error beside it.
 */
export async function runTriage(options: {
  collectors: TriageCollector[];
  store: TriageInventory;
  triageStore: TriageStore;
  analyzer: TriageAnalyzer;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<void> {
  for (const collector of options.collectors) {
    const ref = clusterRef(collector.cluster);
    try {
      const { snapshot, input } = await collectAgainstInventory(options.store, collector, options.signal);
      const report = await options.analyzer.analyzeInput(input);
      await options.triageStore.saveReport({
        cluster: collector.cluster,
        source: collector.source,
        collectedAt: snapshot.collectedAt,
        report,
      });
      const { pendingPods, signatures, skipped } = report.summary;
      options.logger.info(
        `Triage of ${ref}: ${pendingPods} pending pods in ${signatures} signature groups, ${skipped} items skipped`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.logger.warn(`Triage of ${ref} failed: ${message}`);
      await options.triageStore.saveError({
        cluster: collector.cluster,
        source: collector.source,
        error: message,
      });
    }
  }
}
