import type {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { PoolStore } from '../store/PoolStore';
import { readDurationMs } from './freshness';

const DEFAULT_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;

/** Pruning is one indexed delete: hourly keeps the table within an hour of the retention. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 1 },
};

export interface HistoryRetention {
  retentionMs: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** `nodepools.history`: how long history rows are kept (default 400 days) and when they are pruned. */
export function readHistoryRetention(config: Config): HistoryRetention {
  const schedule = config.getOptionalConfig('nodepools.history.schedule');
  return {
    retentionMs: readDurationMs(config, 'nodepools.history.retention') ?? DEFAULT_RETENTION_MS,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}

/** Deletes the history rows older than the retention. */
export async function pruneHistory(options: {
  store: Pick<PoolStore, 'pruneHistory'>;
  retentionMs: number;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const before = new Date(now.getTime() - options.retentionMs).toISOString();
  const deleted = await options.store.pruneHistory(before);
  if (deleted) options.logger.info(`Pruned ${deleted} history rows older than ${before}`);
  return deleted;
}
