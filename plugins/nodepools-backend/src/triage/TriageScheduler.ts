import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import type { TriageCollector } from './collectors';
import { runTriage } from './runTriage';

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
      pools: Pick<PoolStore, 'listPools'>;
      triage: TriageStore;
      logger: LoggerService;
    },
  ) {}

  /** Schedules the collection of these clusters; nothing when there is none. */
  async schedule(
    collectors: TriageCollector[],
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    if (!collectors.length) return;
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
          logger,
          signal: signal as AbortSignal,
        });
      },
    });
  }
}
