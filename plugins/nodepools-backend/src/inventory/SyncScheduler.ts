import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { PoolSource } from '../sources/types';
import type { PoolStore } from '../store/PoolStore';
import { shardKey, type SyncShard } from '../store/shards';
import { frequencyMs, staleAfterMs, type StalenessConfig } from './freshness';
import type { OwnerHints, OwnershipConfig } from './ownership';
import { sourcePriority } from './precedence';
import { syncSource } from './syncSource';

/** The scheduler task of a source, or of one shard of it. */
export function syncTaskId(sourceId: string, shard?: SyncShard): string {
  return shard
    ? `nodepools-sync:${sourceId}:shard-${shard.index + 1}-of-${shard.count}`
    : `nodepools-sync:${sourceId}`;
}

/** How a source's scopes are shared out between tasks: `shards` of them (1: one task). */
export interface ScheduleOptions {
  shards?: number;
}

/**
 * Runs every source on the scheduler. Tasks are global: with several backend
 * replicas on one database, each run happens on one replica only. A source
 * with `shards` is that many tasks, each listing the scopes whose key
 * hashes to it, so replicas share a large fleet between them.
 */
export class SyncScheduler {
  private readonly sources = new Map<string, PoolSource>();
  private readonly periods = new Map<string, number | undefined>();
  private readonly taskIds = new Map<string, string[]>();

  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      store: PoolStore;
      ownership: OwnershipConfig;
      /** Owners from outside the pools' records, read at the start of each run. */
      ownerHints?: () => Promise<OwnerHints>;
      staleness: StalenessConfig;
      /** `nodepools.sourcePriorities`: priorities by source id, over the defaults of their kinds. */
      priorities: Map<string, number>;
      logger: LoggerService;
      /** Called after each run of a source, e.g. to have the analyses look again. */
      onSynced?(sourceId: string): void;
    },
  ) {}

  async schedule(
    source: PoolSource,
    schedule: SchedulerServiceTaskScheduleDefinition,
    options: ScheduleOptions = {},
  ): Promise<void> {
    if (this.sources.has(source.id)) {
      throw new Error(
        `Two nodepools sources have the id '${source.id}'; give each source a unique id`,
      );
    }
    const count = options.shards ?? 1;
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(`Source '${source.id}': shards must be a whole number of at least 1, got ${count}`);
    }
    this.sources.set(source.id, source);
    this.periods.set(source.id, frequencyMs(schedule.frequency));
    const staleAfter = staleAfterMs(schedule, this.deps.staleness);
    const priority = sourcePriority(source, this.deps.priorities);
    const shards: Array<SyncShard | undefined> =
      count === 1 ? [undefined] : Array.from({ length: count }, (_, index) => ({ index, count }));
    const ids: string[] = [];
    for (const shard of shards) {
      const id = syncTaskId(source.id, shard);
      ids.push(id);
      const logger = this.deps.logger.child({ source: source.id, ...(shard ? { shard: shardKey(shard) } : {}) });
      await this.deps.scheduler.scheduleTask({
        ...schedule,
        id,
        scope: 'global',
        fn: async signal => {
          await syncSource({
            source,
            store: this.deps.store,
            ownership: this.deps.ownership,
            ownerHints: this.deps.ownerHints,
            staleAfterMs: staleAfter,
            priority,
            shard,
            logger,
            signal: signal as AbortSignal,
          });
          this.deps.onSynced?.(source.id);
        },
      });
    }
    this.taskIds.set(source.id, ids);
  }

  /** Asks the scheduler to run a source's tasks (every shard) now, on whichever replicas pick them up. */
  async trigger(sourceId: string): Promise<void> {
    const ids = this.taskIds.get(sourceId);
    if (!ids) {
      throw new NotFoundError(`No source with id '${sourceId}'`);
    }
    for (const id of ids) await this.deps.scheduler.triggerTask(id);
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
