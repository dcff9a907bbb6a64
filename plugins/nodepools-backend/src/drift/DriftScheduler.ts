import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { DriftOptions } from '@nodepools/plugin-nodepools-common';
import { DebouncedGlobalTask } from '../inventory/DebouncedGlobalTask';
import type { DriftStore } from '../store/DriftStore';
import { runDrift } from './runDrift';

export const DRIFT_TASK_ID = 'nodepools-drift';

/**
 * The drift stage of the pipeline, beside triage: one global task compares
 * the stored declarations with the inventory, on its schedule and,
 * debounced, after every pool sync and every change of a declaration.
 */
export class DriftScheduler {
  private readonly task: DebouncedGlobalTask;

  constructor(
    deps: {
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
  ) {
    const logger = deps.logger.child({ task: DRIFT_TASK_ID });
    this.task = new DebouncedGlobalTask({
      id: DRIFT_TASK_ID,
      title: 'the drift comparison',
      scheduler: deps.scheduler,
      logger,
      debounceMs: deps.debounceMs,
      inventoryReady: deps.inventoryReady,
      run: async () => {
        const applied = await runDrift({ store: deps.store, logger, compare: deps.compare });
        if (applied.rowsWritten > 0) deps.onFindingsChanged?.();
      },
    });
  }

  schedule(schedule: SchedulerServiceTaskScheduleDefinition): Promise<void> {
    return this.task.schedule(schedule);
  }

  /** Asks for a comparison soon (see `DebouncedGlobalTask.requestRun`). */
  requestRun(): void {
    this.task.requestRun();
  }
}
