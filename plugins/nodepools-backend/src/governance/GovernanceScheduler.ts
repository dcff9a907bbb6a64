import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { poolRef, type GovernanceOptions } from '@nodepools/plugin-nodepools-common';
import { DebouncedGlobalTask } from '../inventory/DebouncedGlobalTask';
import type { ReviewReminders } from './reminders';
import { runGovernance, type GovernanceRunDeps, type GovernanceRunSummary } from './runGovernance';

type PoolIdentity = Parameters<typeof poolRef>[0];

export const GOVERNANCE_TASK_ID = 'nodepools-governance';

/**
 * The governance stage: one global task evaluates the fleet on its
 * schedule and, debounced, after every pool sync and drift comparison
 * that changed a finding (see `DebouncedGlobalTask`). An owner's
 * review is answered at once for its pools (`reviewed`), then the whole
 * fleet follows through the same trigger.
 */
export class GovernanceScheduler {
  private readonly task: DebouncedGlobalTask;

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
  ) {
    this.task = new DebouncedGlobalTask({
      id: GOVERNANCE_TASK_ID,
      title: 'the governance evaluation',
      scheduler: deps.scheduler,
      logger: deps.logger,
      debounceMs: deps.debounceMs,
      inventoryReady: deps.inventoryReady,
      run: async () => {
        await this.evaluate();
      },
    });
  }

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

  schedule(schedule: SchedulerServiceTaskScheduleDefinition): Promise<void> {
    return this.task.schedule(schedule);
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

  /** Asks for an evaluation soon (see `DebouncedGlobalTask.requestRun`). */
  requestRun(): void {
    this.task.requestRun();
  }
}
