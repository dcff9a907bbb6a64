import type { SchedulerService, SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_GOVERNANCE_OPTIONS, DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';
import { GOVERNANCE_TASK_ID, GovernanceScheduler } from './GovernanceScheduler';
import type { ReviewReminders } from './reminders';
import { setupGovernance } from './setupGovernance';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };

/** A scheduler that keeps the task and runs it, to its end, on each trigger. */
function fakeScheduler() {
  let task: SchedulerServiceTaskInvocationDefinition | undefined;
  const runs: Array<Promise<void>> = [];
  const scheduler = {
    scheduleTask: jest.fn(async (definition: SchedulerServiceTaskInvocationDefinition) => {
      task = definition;
    }),
    triggerTask: jest.fn(async (id: string) => {
      expect(id).toBe(GOVERNANCE_TASK_ID);
      runs.push(Promise.resolve(task!.fn(new AbortController().signal)));
    }),
  } as unknown as SchedulerService & { triggerTask: jest.Mock; scheduleTask: jest.Mock };
  return { scheduler, settled: () => Promise.all(runs) };
}

const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('GovernanceScheduler', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await createStoresFromKnex(await databases.init('SQLITE_3'));
    await stores.pools.applySync({
      source: { id: 'files', kind: 'file', target: '1 file' },
      startedAt: '2026-12-03T10:00:00.000Z',
      finishedAt: '2026-12-03T10:00:00.000Z',
      outcome: { listings: [{ scope: 'file:pools.json', complete: true, pools: [preparePool(makePoolSpec(), ownership)] }] },
    });
  });

  function create(options: { ready?: boolean; reminders?: ReviewReminders } = {}) {
    const { scheduler, settled } = fakeScheduler();
    const governance = new GovernanceScheduler({
      scheduler,
      logger: mockServices.logger.mock(),
      debounceMs: 10,
      run: { store: stores.governance, drift: stores.drift, triage: stores.triage, options: DEFAULT_GOVERNANCE_OPTIONS },
      reminders: options.reminders,
      inventoryReady: async () => options.ready ?? true,
    });
    return { governance, scheduler, settled };
  }

  it('schedules one global task and triggers it once for a burst of requests', async () => {
    const { governance, scheduler, settled } = create();
    governance.requestRun();
    await wait(30);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();

    await governance.schedule({ frequency: { minutes: 30 }, timeout: { minutes: 5 } });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(expect.objectContaining({ id: GOVERNANCE_TASK_ID, scope: 'global' }));
    governance.requestRun();
    governance.requestRun();
    governance.requestRun();
    await wait(50);
    await settled();
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
    expect(await stores.governance.evaluatedAt()).toBeDefined();
  });

  it('waits for the first run of every pool source', async () => {
    const { governance, scheduler, settled } = create({ ready: false });
    await governance.schedule({ frequency: { minutes: 30 }, timeout: { minutes: 5 } });
    governance.requestRun();
    await wait(30);
    await settled();
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
    expect(await stores.governance.evaluatedAt()).toBeUndefined();
  });

  it('sends the reminders after a full evaluation', async () => {
    const send = jest.fn(async () => 1);
    const { governance } = create({ reminders: { send } as unknown as ReviewReminders });
    const summary = await governance.evaluate();
    expect(send).toHaveBeenCalledWith(summary.findings, expect.any(Date));
    expect(summary.findings.map(f => f.rule)).toContain('unconfirmed-ownership');
  });

  it('answers a review at once and gives hand-overs as an owner hint', async () => {
    const { governance } = create();
    await governance.evaluate();
    const ref = 'eks/111122223333/eu-west-1/payments-prod/general';
    await stores.governance.confirm([
      { poolRef: ref, owner: 'group:default/team-payments', by: 'user:default/ada', at: new Date().toISOString(), handedTo: 'group:default/team-data' },
    ]);
    const hint = await governance.reviewedOwners();
    expect(hint(makePoolSpec())).toBe('group:default/team-data');
    expect(hint(makePoolSpec({ name: 'other' }))).toBeUndefined();
  });
});

describe('setupGovernance', () => {
  it('schedules the evaluation unless it is switched off, and reads its config', async () => {
    const stores = await createStoresFromKnex(await databases.init('SQLITE_3'));
    const setup = async (governance: Record<string, unknown>) => {
      const { scheduler } = fakeScheduler();
      const scheduled = await setupGovernance({
        config: new ConfigReader({ nodepools: { governance } } as never),
        scheduler,
        stores,
        poolSourceIds: [],
        logger: mockServices.logger.mock(),
      });
      return { scheduled, scheduler };
    };
    const on = await setup({ reviewPeriod: 30, schedule: { frequency: { minutes: 15 }, timeout: { minutes: 2 } } });
    expect(on.scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ id: GOVERNANCE_TASK_ID, frequency: { minutes: 15 } }),
    );
    expect(on.scheduled.options.reviewPeriodDays).toBe(30);
    const off = await setup({ enabled: false });
    expect(off.scheduler.scheduleTask).not.toHaveBeenCalled();
    await expect(setup({ disabledRules: ['nope'] })).rejects.toThrow("'nodepools.governance.disabledRules'");
  });
});
