import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { clusterRef } from '@nodepools/plugin-nodepools-common';
import type { TriageStore } from '../store/TriageStore';
import type { TriageAnalyzer } from './analysis/TriageAnalyzer';
import type { TriageCollector } from './collectors';
import { runTriage, type TriageInventory } from './runTriage';

export const TRIAGE_TASK_ID = 'nodepools-triage';

/**
 * The triage stage of the pipeline: after the sources have stored the
 * pools, one global task reads every configured cluster's pending pods and
 * stores the triage of each against the inventory.
 */
export class TriageScheduler {
  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      pools: TriageInventory;
      triage: TriageStore;
      analyzer: TriageAnalyzer;
      logger: LoggerService;
    },
  ) {}

  /**
   * Schedules the collection of these clusters; nothing when there is none.
   * Two collections of one cluster ref would overwrite each other's report:
   * that configuration is refused.
   */
  async schedule(
    collectors: TriageCollector[],
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    if (!collectors.length) return;
    const seen = new Map<string, string>();
    for (const collector of collectors) {
      const ref = clusterRef(collector.cluster);
      const previous = seen.get(ref);
      if (previous) {
        throw new Error(
          `Triage of cluster ${ref} is configured twice (${previous} and ${collector.source}); give each a distinct provider, account or region`,
        );
      }
      seen.set(ref, collector.source);
    }
    const logger = this.deps.logger.child({ task: TRIAGE_TASK_ID });
    await this.deps.scheduler.scheduleTask({
      ...schedule,
      id: TRIAGE_TASK_ID,
      scope: 'global',
      fn: async signal => {
        await runTriage({
          collectors,
          store: this.deps.pools,
          triageStore: this.deps.triage,
          analyzer: this.deps.analyzer,
          logger,
          signal: signal as AbortSignal,
        });
      },
    });
  }
}
