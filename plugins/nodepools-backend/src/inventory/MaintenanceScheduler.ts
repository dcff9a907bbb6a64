import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { PoolStore } from '../store/PoolStore';
import { pruneHistory, type HistoryRetention } from './historyRetention';
import { retireRemovedSources, tombstoneAt } from './removedSources';

export const REMOVED_SOURCES_TASK_ID = 'nodepools-removed-sources';
export const HISTORY_RETENTION_TASK_ID = 'nodepools-history-retention';

/**
 * The inventory's upkeep, as global tasks beside the syncs: sources that
 * left the config lose their pools after a grace period, history older
 * than its retention is pruned.
 */
export class MaintenanceScheduler {
  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      store: PoolStore;
      logger: LoggerService;
      removedSourcesGracePeriodMs: number;
    },
  ) {}

  /** Runs the removed-source check against the ids of every source this backend syncs. */
  async scheduleRemovedSources(
    configuredIds: () => string[],
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    const logger = this.deps.logger.child({ task: REMOVED_SOURCES_TASK_ID });
    await this.deps.scheduler.scheduleTask({
      ...schedule,
      id: REMOVED_SOURCES_TASK_ID,
      scope: 'global',
      fn: async () => {
        await retireRemovedSources({
          store: this.deps.store,
          configuredIds: configuredIds(),
          gracePeriodMs: this.deps.removedSourcesGracePeriodMs,
          logger,
        });
      },
    });
  }

  async scheduleHistoryRetention(retention: HistoryRetention): Promise<void> {
    const logger = this.deps.logger.child({ task: HISTORY_RETENTION_TASK_ID });
    await this.deps.scheduler.scheduleTask({
      ...retention.schedule,
      id: HISTORY_RETENTION_TASK_ID,
      scope: 'global',
      fn: async () => {
        await pruneHistory({ store: this.deps.store, retentionMs: retention.retentionMs, logger });
      },
    });
  }

  /** When the pools of a source removed at `removedAt` are tombstoned. */
  tombstoneAt(removedAt: string): string {
    return tombstoneAt(removedAt, this.deps.removedSourcesGracePeriodMs);
  }
}
