import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { DriftStore } from '../store/DriftStore';
import { syncDesiredSource } from './syncDesiredSource';
import type { DesiredStateSource } from './types';

export function desiredTaskId(sourceId: string): string {
  return `nodepools-desired:${sourceId}`;
}

/**
 * Runs every desired-state source on the scheduler, each a global task,
 * and asks for a drift comparison whenever a declaration changed.
 */
export class DesiredStateScheduler {
  private readonly ids = new Set<string>();

  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      store: DriftStore;
      logger: LoggerService;
      /** Called when what a source declares changed. */
      onChange(): void;
    },
  ) {}

  async schedule(source: DesiredStateSource, schedule: SchedulerServiceTaskScheduleDefinition): Promise<void> {
    if (this.ids.has(source.id)) {
      throw new Error(`Two nodepools desired-state sources have the id '${source.id}'; give each a unique id`);
    }
    this.ids.add(source.id);
    const logger = this.deps.logger.child({ source: source.id });
    await this.deps.scheduler.scheduleTask({
      ...schedule,
      id: desiredTaskId(source.id),
      scope: 'global',
      fn: async signal => {
        const summary = await syncDesiredSource({ source, store: this.deps.store, logger, signal: signal as AbortSignal });
        if (summary.changed) this.deps.onChange();
      },
    });
  }

  /** Forgets the declarations of sources no longer configured; their findings resolve on the next comparison. */
  async forgetUnconfigured(): Promise<void> {
    const forgotten = await this.deps.store.forgetDesiredSources([...this.ids]);
    if (forgotten) {
      this.deps.logger.info(`Forgot ${forgotten} desired-state scopes of sources no longer configured`);
      this.deps.onChange();
    }
  }

  sourceIds(): string[] {
    return [...this.ids];
  }
}
