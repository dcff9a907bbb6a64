import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';

/**
 * A stage that runs as one global task on its schedule and, debounced,
 * when something it reads changed: a burst of changes costs one run. The
 * trigger goes through the scheduler, so with several replicas one of
 * them runs it. Until every pool source has run once (`inventoryReady`),
 * a run waits: the inventory would lack pools the stage reads.
 */
export class DebouncedGlobalTask {
  private timer?: NodeJS.Timeout;
  private scheduled = false;
  /** A run is under way on this replica; a request meanwhile waits for its end. */
  private running = false;
  private requestedWhileRunning = false;

  constructor(
    private readonly options: {
      id: string;
      /** What the task does, for log lines: `the drift comparison`. */
      title: string;
      scheduler: SchedulerService;
      logger: LoggerService;
      /** Quiet time after the last request before the task is triggered. */
      debounceMs: number;
      inventoryReady?: () => Promise<boolean>;
      run(): Promise<void>;
    },
  ) {}

  async schedule(schedule: SchedulerServiceTaskScheduleDefinition): Promise<void> {
    const { id, title, logger } = this.options;
    await this.options.scheduler.scheduleTask({
      ...schedule,
      id,
      scope: 'global',
      fn: async () => {
        this.running = true;
        this.requestedWhileRunning = false;
        try {
          if (this.options.inventoryReady && !(await this.options.inventoryReady())) {
            logger.info(`${capitalized(title)} waits for the first run of every pool source`);
            return;
          }
          await this.options.run();
        } finally {
          this.running = false;
          if (this.requestedWhileRunning) this.requestRun();
        }
      },
    });
    this.scheduled = true;
  }

  /**
   * Asks for a run soon: after `debounceMs` without another request. A run
   * already under way is asked again once it ends, as it may have read
   * what changed before the change.
   */
  requestRun(): void {
    if (!this.scheduled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        this.requestedWhileRunning = true;
        return;
      }
      this.options.scheduler.triggerTask(this.options.id).catch(error => {
        // Another replica runs it now: ask again, after the quiet time.
        if (error instanceof ConflictError || (error as Error).name === 'ConflictError') {
          this.requestRun();
          return;
        }
        this.options.logger.warn(`Could not trigger ${this.options.title}: ${(error as Error).message}`);
      });
    }, this.options.debounceMs);
    this.timer.unref?.();
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
