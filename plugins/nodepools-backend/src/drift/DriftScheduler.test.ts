import type { SchedulerService, SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStoresFromKnex } from '../store/createStores';
import { DRIFT_TASK_ID, DriftScheduler } from './DriftScheduler';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('DriftScheduler', () => {
  it('tells the later stages only after a comparison that wrote something', async () => {
    const stores = await createStoresFromKnex(await databases.init('SQLITE_3'));
    let task: SchedulerServiceTaskInvocationDefinition | undefined;
    const scheduler = {
      scheduleTask: jest.fn(async (definition: SchedulerServiceTaskInvocationDefinition) => {
        task = definition;
      }),
    } as unknown as SchedulerService;
    const onFindingsChanged = jest.fn();
    const drift = new DriftScheduler({
      scheduler,
      store: stores.drift,
      logger: mockServices.logger.mock(),
      debounceMs: 10,
      onFindingsChanged,
    });
    await drift.schedule({ frequency: { minutes: 30 }, timeout: { minutes: 5 } });
    expect(task?.id).toBe(DRIFT_TASK_ID);
    // The first comparison records the day's counts; the same day again writes nothing.
    await task!.fn(new AbortController().signal);
    expect(onFindingsChanged).toHaveBeenCalledTimes(1);
    await task!.fn(new AbortController().signal);
    expect(onFindingsChanged).toHaveBeenCalledTimes(1);
  });
});
