import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { PoolSource } from '../sources/types';
import type { PoolStore } from '../store/PoolStore';
import { frequencyMs, staleAfterMs, type StalenessConfig } from './freshness';
import type { OwnershipConfig } from './ownership';
import { sourcePriority } from './precedence';
import { syncSource } from './syncSource';

export function syncTaskId(sourceId: string): string {
  return `nodepools-sync:${sourceId}`;
}

/**
 * Runs every source on the scheduler. Tasks are global: with several backend
 * replicas on one database, each run happens on one replica only.
 */
export class SyncScheduler {
  private readonly sources = new Map<string, PoolSource>();
  private readonly periods = new Map<string, number | undefined>();

  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      store: PoolStore;
      ownership: OwnershipConfig;
      staleness: StalenessConfig;
      /** `nodepools.sourcePriorities`: priorities by source id, over the defaults of their kinds. */
      priorities: Map<string, number>;
      logger: LoggerService;
      /** Stages around each sync: before (refresh what pools are prepared with), after (read what it stored). */
      hooks?: { beforeSync?(): Promise<void>; afterSync?(sourceId: string): Promise<void> };
    },
  ) {}

  async schedule(
    source: PoolSource,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    if (this.sources.has(source.id)) {
      throw new Error(
        `Two nodepools sources have the id '${source.id}'; give each source a unique id`,
      );
    }
    this.sources.set(source.id, source);
    this.periods.set(source.id, frequencyMs(schedule.frequency));
    const staleAfter = staleAfterMs(schedule, this.deps.staleness);
    const priority = sourcePriority(source, this.deps.priorities);
    await this.deps.scheduler.scheduleTask({
      ...schedule,
      id: syncTaskId(source.id),
      scope: 'global',
      fn: async signal => {
        await this.runHook(() => this.deps.hooks?.beforeSync?.(), source.id);
        await syncSource({
          source,
          store: this.deps.store,
          ownership: this.deps.ownership,
          staleAfterMs: staleAfter,
          priority,
          logger: this.deps.logger.child({ source: source.id }),
          signal: signal as AbortSignal,
        });
        await this.runHook(() => this.deps.hooks?.afterSync?.(source.id), source.id);
      },
    });
  }

  /** A stage around a sync that fails is logged; the sync itself stands. */
  private async runHook(hook: () => Promise<void> | undefined, sourceId: string): Promise<void> {
    try {
      await hook();
    } catch (error) {
      this.deps.logger.warn(`A stage around the sync of ${sourceId} failed: ${(error as Error).message}`);
    }
  }

  /** Asks the scheduler to run a source's task now (on whichever replica picks it up). */
  async trigger(sourceId: string): Promise<void> {
    if (!this.sources.has(sourceId)) {
      throw new NotFoundError(`No source with id '${sourceId}'`);
    }
    await this.deps.scheduler.triggerTask(syncTaskId(sourceId));
  }

  sourceIds(): string[] {
    return [...this.sources.keys()];
  }

  /**
   * When a source is next due: its last run plus its period. An estimate (the
   * scheduler may start a run late when a previous one overran); undefined
   * for cron schedules and sources this replica does not run.
   */
  nextRunAt(sourceId: string, lastRunAt?: string): string | undefined {
    const period = this.periods.get(sourceId);
    if (period === undefined || !lastRunAt) return undefined;
    return new Date(Date.parse(lastRunAt) + period).toISOString();
  }
}
