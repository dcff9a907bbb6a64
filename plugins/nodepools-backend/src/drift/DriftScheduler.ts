import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { DriftOptions } from '@nodepools/plugin-nodepools-common';
import type { DriftStore } from '../store/DriftStore';
import { runDrift } from './runDrift';

export const DRIFT_TASK_ID = 'nodepools-drift';

/**
 * The drift stage of the pipeline, beside triage: one global task compares
 * the stored declarations with the inventory. It runs on its schedule and,
 * debounced, after every pool sync and every change of a declaration, so a
 * burst of syncs costs one comparison. The trigger goes through the
 * scheduler, so with several replicas one of them runs it.
 */
export class DriftScheduler {
  private timer?: NodeJS.Timeout;
  private scheduled = false;
  /** A comparison runs on this replica; a request meanwhile waits for its end. */
  private running = false;
  private requestedWhileRunning = false;

  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      store: DriftStore;
      logger: LoggerService;
      compare?: Pick<DriftOptions, 'ownerTagKeys' | 'scope' | 'semantics'>;
      /** Quiet time after the last request before the comparison is triggered. */
      debounceMs: number;
      /**
       * Whether every configured pool source has run once. Before that the
       * inventory lacks pools the declarations name, and every one of them
       * would be "declared, not found" until the next comparison.
       */
      inventoryReady?: () => Promise<boolean>;
      /** Told after a comparison that wrote something: later stages read open drift. */
      onFindingsChanged?: () => void;
    },
  ) {}

  async schedule(schedule: SchedulerServiceTaskScheduleDefinition): Promise<void> {
    const logger = this.deps.logger.child({ task: DRIFT_TASK_ID });
    await this.deps.scheduler.scheduleTask({
      ...schedule,
      id: DRIFT_TASK_ID,
      scope: 'global',
      fn: async () => {
        this.running = true;
        this.requestedWhileRunning = false;
        try {
          if (this.deps.inventoryReady && !(await this.deps.inventoryReady())) {
            logger.info('Drift comparison waits for the first run of every pool source');
            return;
          }
          const applied = await runDrift({ store: this.deps.store, logger, compare: this.deps.compare });
          if (applied.rowsWritten > 0) this.deps.onFindingsChanged?.();
        } finally {
          this.running = false;
          if (this.requestedWhileRunning) this.requestRun();
        }
      },
    });
    this.scheduled = true;
  }

  /**
   * Asks for a comparison soon: after `debounceMs` without another request.
   * A comparison already running is asked again once that time has passed,
   * as it may have read the inventory before the change.
   */
  requestRun(): void {
    if (!this.scheduled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        // It may have read the inventory before the change: once more when it ends.
        this.requestedWhileRunning = true;
        return;
      }
      this.deps.scheduler.triggerTask(DRIFT_TASK_ID).catch(error => {
        if (error instanceof ConflictError || (error as Error).name === 'ConflictError') {
          this.requestRun();
          return;
        }
        this.deps.logger.warn(`Could not trigger the drift comparison: ${(error as Error).message}`);
      });
    }, this.deps.debounceMs);
    this.timer.unref?.();
  }
}
