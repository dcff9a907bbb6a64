import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';
import { OPENCOST_TASK_ID } from './opencost/OpenCostTask';
import { SIGNALS_RETENTION_TASK_ID, setupSignals } from './setupSignals';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const REF = 'eks/111122223333/eu-west-1/payments-prod/general';
const OWN_REF = 'kubernetes/111122223333/eu-west-1/payments-prod/general';

describe('setupSignals', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let stores: Stores;
    let scheduler: ReturnType<typeof mockServices.scheduler.mock>;

    beforeEach(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex);
      scheduler = mockServices.scheduler.mock();
    });

    const setup = (config: object = {}) =>
      setupSignals({
        config: new ConfigReader(config),
        database: { getClient: async () => knex },
        scheduler,
        logger: mockServices.logger.mock(),
        pools: stores.pools,
      });

    const scheduled = () =>
      scheduler.scheduleTask.mock.calls.map(
        ([task]) => task as SchedulerServiceTaskInvocationDefinition & SchedulerServiceTaskScheduleDefinition,
      );

    it('schedules the hourly OpenCost read only when it is configured, and the daily pruning always', async () => {
      await setup();
      expect(scheduled().map(task => task.id)).toEqual([SIGNALS_RETENTION_TASK_ID]);

      scheduler.scheduleTask.mockClear();
      await setup({
        nodepools: { cost: { opencost: [{ baseUrl: 'http://opencost.opencost:9003', cluster: 'payments-prod' }] } },
      });
      expect(scheduled().map(task => [task.id, task.frequency, task.scope])).toEqual([
        [OPENCOST_TASK_ID, { hours: 1 }, 'global'],
        [SIGNALS_RETENTION_TASK_ID, { hours: 24 }, 'global'],
      ]);
    });

    it('refuses a bad OpenCost block, naming the key', async () => {
      await expect(
        setup({ nodepools: { cost: { opencost: [{ baseUrl: 'http://o:9003', cluster: 'c', window: 'week' }] } } }),
      ).rejects.toThrow('nodepools.cost.opencost[0].window');
    });

    it('records what observed sources list, prunes old peaks, and reads them for governance', async () => {
      const signals = await setup();
      const listing = {
        scope: 'kubernetes/prod',
        complete: true,
        clusterName: 'prod',
        identity: { cluster: 'payments-prod', account: '111122223333', region: 'eu-west-1' },
        unpooledNodes: 0,
        pools: [makePoolSpec({ provider: 'kubernetes' })],
        observed: [
          {
            cluster: 'payments-prod',
            pool: 'general',
            poolLabel: 'eks.amazonaws.com/nodegroup',
            provider: 'eks' as const,
            usage: { cpu: 1, memory: 1024 },
            observed: {
              labels: [],
              taints: [],
              nodeCount: 1,
              readyCount: 1,
              kubeletVersions: [],
              osImages: [],
              zones: [],
              allocatable: {},
              requested: { cpu: 2 },
              observedAt: new Date().toISOString(),
            },
          },
        ],
      };
      await knex('nodepools_pool_usage_daily').insert({ ref: REF, day: '2020-01-01', requested_cpu: 99 });
      const plain = { id: 'files', kind: 'file', target: 'a file', list: async () => [] };
      const observing = { ...plain, id: 'kubernetes', kind: 'kubernetes', listObserved: async () => [listing] };

      expect('listObserved' in signals.observe(plain)).toBe(false);
      const observed = signals.observe(observing) as typeof observing;
      expect(await observed.listObserved()).toEqual([listing]);

      // No EKS pool of that name is stored: the nodes are the cluster's own pool.
      expect((await signals.governance.read([OWN_REF])).get(OWN_REF)?.usage).toMatchObject({
        used: { cpu: 1, memory: 1024 },
        peakRequested: { cpu: 2, memory: 0 },
      });
      const retention = scheduled().find(task => task.id === SIGNALS_RETENTION_TASK_ID)!;
      await retention.fn(new AbortController().signal);
      expect(await knex('nodepools_pool_usage_daily').where({ ref: REF })).toEqual([]);
    });
  });
});
