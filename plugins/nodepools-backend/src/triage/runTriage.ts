import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  MAX_PAGE_SIZE,
  NodePool,
  TriageInput,
  TriageReport,
  analyzePendingPods,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { TriageCollector } from './collectors';
import type { TriageStore } from '../store/TriageStore';

/** Every live pool of one cluster, read page by page. */
export async function poolsOfCluster(
  store: Pick<PoolStore, 'listPools'>,
  cluster: string,
): Promise<NodePool[]> {
  const pools: NodePool[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listPools({ cluster: [cluster], limit: MAX_PAGE_SIZE, cursor });
    pools.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return pools;
}

/**
 * Triage of kubectl JSON against the inventory: the pools of `cluster` come
 * from the store unless the input brings its own.
 */
export async function analyzeWithInventory(
  input: TriageInput,
  store: Pick<PoolStore, 'listPools'>,
): Promise<TriageReport> {
  const pools =
    input.pools ?? (input.cluster ? await poolsOfCluster(store, input.cluster) : undefined);
  return analyzePendingPods({ ...input, ...(pools ? { pools } : {}) });
}

/**
 * Collects each cluster's snapshot and stores its triage. A cluster that
 * cannot be read keeps its previous report, with the error beside it.
 */
export async function runTriage(options: {
  collectors: TriageCollector[];
  store: Pick<PoolStore, 'listPools'>;
  triageStore: TriageStore;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<void> {
  for (const collector of options.collectors) {
    try {
      const snapshot = await collector.collect(options.signal);
      const report = await analyzeWithInventory(
        { ...snapshot.input, cluster: collector.cluster },
        options.store,
      );
      await options.triageStore.saveReport({
        cluster: collector.cluster,
        source: collector.source,
        collectedAt: snapshot.collectedAt,
        report,
      });
      options.logger.info(
        `Triage of ${collector.cluster}: ${report.pods.length} pending pods in ${report.signatures.length} signature groups, ${report.skipped.length} items skipped`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.logger.warn(`Triage of ${collector.cluster} failed: ${message}`);
      await options.triageStore.saveError({
        cluster: collector.cluster,
        source: collector.source,
        error: message,
      });
    }
  }
}
