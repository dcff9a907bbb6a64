import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  clusterRef,
  type ClusterIdentity,
  type TriageInput,
  type TriageReport,
  analyzePendingPods,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import type { TriageCollector } from './collectors';
import { resolveCluster } from './resolveCluster';

/** What a triage reads of the inventory. */
export type TriageInventory = Pick<PoolStore, 'findClusters' | 'listClusterPools'>;

/**
 * Triage of kubectl JSON against the inventory: without pools of its own,
 * the input is read against the pools of `cluster` (resolved in the
 * inventory, so a bare name works while it is unambiguous).
 */
export async function analyzeWithInventory(
  input: Omit<TriageInput, 'cluster'>,
  cluster: ClusterIdentity | undefined,
  store: TriageInventory,
): Promise<TriageReport> {
  if (!cluster) return analyzePendingPods(input);
  return analyzeInCluster(input, await resolveCluster(store, cluster), store);
}

async function analyzeInCluster(
  input: Omit<TriageInput, 'cluster'>,
  resolved: ClusterIdentity,
  store: TriageInventory,
): Promise<TriageReport> {
  const pools = input.pools ?? (await store.listClusterPools(resolved));
  return analyzePendingPods({ ...input, cluster: resolved.cluster, pools });
}

/**
 * Collects each cluster's snapshot and stores its triage under the
 * cluster's ref. A cluster that cannot be read keeps its previous report,
 * with the error beside it.
 */
export async function runTriage(options: {
  collectors: TriageCollector[];
  store: TriageInventory;
  triageStore: TriageStore;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<void> {
  for (const collector of options.collectors) {
    const ref = clusterRef(collector.cluster);
    try {
      // Resolved first: an ambiguous cluster is not worth reading.
      const resolved = await resolveCluster(options.store, collector.cluster);
      const snapshot = await collector.collect(options.signal);
      const report = await analyzeInCluster(snapshot.input, resolved, options.store);
      await options.triageStore.saveReport({
        cluster: collector.cluster,
        source: collector.source,
        collectedAt: snapshot.collectedAt,
        report,
      });
      options.logger.info(
        `Triage of ${ref}: ${report.pods.length} pending pods in ${report.signatures.length} signature groups, ${report.skipped.length} items skipped`,
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
