import type { SchedulerService, ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/** The test utils' scheduler, which runs a task when `triggerTask` is called, with its factory. */
export type ControllableScheduler = SchedulerService & {
  factory(options?: {
    skipTaskRunOnStartup?: boolean;
    includeInitialDelayedTasksOnStartup?: boolean;
  }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
};

/** A scheduler whose tasks run only when a test triggers them, and to their end. */
export function controllableScheduler(): ControllableScheduler {
  return mockServices.scheduler() as ControllableScheduler;
}
