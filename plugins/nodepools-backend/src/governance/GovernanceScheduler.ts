import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { poolRef, type GovernanceOptions } from '@nodepools/plugin-nodepools-common';
import type { ReviewReminders } from './reminders';
import { runGovernance, type GovernanceRunDeps, type GovernanceRunSummary } from './runGovernance';

type PoolIdentity = Parameters<typeof poolRef>[0];

export const GOVERNANCE_TASK_ID = 'nodepools-governance';

/**
 * The governance stage: one global task evaluates the fleet on its
 * schedule and, debounced, after every pool sync and drift comparison, so
 * a burst of them costs one evaluation. The trigger goes through the
 * scheduler, so with several replicas one of them runs it. An owner's
 * review is answered at once for its pools (`reviewed`), then the whole
 * fleet follows through the same trigger.
 */
export class GovernanceScheduler {
  private timer?: NodeJS.Timeout;
  private scheduled = false;
  private running = false;
  private requestedWhileRunning = false;

  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      run: Omit<GovernanceRunDeps, 'logger'>;
      logger: LoggerService;
      debounceMs: number;
      /** Sent after each full evaluation, when reminders are on. */
      reminders?: ReviewReminders;
      /** Whether every configured pool source has run once; until then evaluations wait. */
      inventoryReady?: () => Promise<boolean>;
    },
  ) {}

  /** One full evaluation and its reminders, as the task runs it. */
  async evaluate(): Promise<GovernanceRunSummary> {
    const logger = this.deps.logger.child({ task: GOVERNANCE_TASK_ID });
    const summary = await runGovernance({ ...this.deps.run, logger });
    if (this.deps.reminders) {
      const sent = await this.deps.reminders.send(summary.findings, (this.deps.run.now ?? (() => new Date()))());
      if (sent) logger.info(`Sent ${sent} review reminders`);
    }
    return summary;
  }

  async schedule(schedule: SchedulerServiceTaskScheduleDefinition): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      ...schedule,
      id: GOVERNANCE_TASK_ID,
      scope: 'global',
      fn: async () => {
        this.running = true;
        this.requestedWhileRunning = false;
        try {
          if (this.deps.inventoryReady && !(await this.deps.inventoryReady())) {
            this.deps.logger.info('Governance evaluation waits for the first run of every pool source');
            return;
          }
          await this.evaluate();
        } finally {
          this.running = false;
          if (this.requestedWhileRunning) this.requestRun();
        }
      },
    });
    this.scheduled = true;
  }

  /**
   * Evaluates ownership of these pools now, so a confirmation or hand-over
   * clears its finding in the answer to the review, then asks for a full
   * evaluation.
   */
  async reviewed(refs: string[]): Promise<void> {
    await runGovernance({ ...this.deps.run, logger: this.deps.logger }, { refs, rules: ['unconfirmed-ownership'] });
    this.requestRun();
  }

  /** The options the evaluation runs with. */
  get options(): GovernanceOptions {
    return this.deps.run.options;
  }

  /**
   * The owner hint of hand-overs, loaded once per sync: a pool handed to
   * another group in a review is owned by it where no config rule, tag or
   * label names an owner.
   */
  async reviewedOwners(): Promise<(spec: PoolIdentity) => string | undefined> {
    const owners = await this.deps.run.store.handedOverOwners();
    return spec => (owners.size ? owners.get(poolRef(spec)) : undefined);
  }

  /** Asks for an evaluation soon: after `debounceMs` without another request. */
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
      this.deps.scheduler.triggerTask(GOVERNANCE_TASK_ID).catch(error => {
        if (error instanceof ConflictError || (error as Error).name === 'ConflictError') {
          this.requestRun();
          return;
        }
        this.deps.logger.warn(`Could not trigger the governance evaluation: ${(error as Error).message}`);
      });
    }, this.deps.debounceMs);
    this.timer.unref?.();
  }
}
