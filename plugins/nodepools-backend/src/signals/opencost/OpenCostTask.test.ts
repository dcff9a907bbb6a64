import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import { preparePool } from '../../inventory/preparePool';
import { DEFAULT_POOL_LABEL_KEYS } from '../../sources/kubernetes';
import { startReplayServer, type ReplayServer } from '../../sources/testing';
import { createStoresFromKnex, type Stores } from '../../store/createStores';
import { makePoolSpec } from '../../testing/makePoolSpec';
import { DatabaseGovernanceSignals } from '../DatabaseGovernanceSignals';
import { DatabasePoolSignalsStore } from '../PoolSignalsStore';
import { readOpenCostEndpoints, type OpenCostEndpoint } from './config';
import { OpenCostClient } from './OpenCostClient';
import { OpenCostTask } from './OpenCostTask';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const CLUSTER_REF = 'eks/111122223333/eu-west-1/payments-prod';
const GENERAL = `${CLUSTER_REF}/general`;
const LEGACY = 'kubernetes/111122223333/eu-west-1/payments-prod/legacy';

/** A Node asset as OpenCost's `/assets` answers it (labels as Prometheus label names). */
function nodeAsset(name: string, labels: Record<string, string>, minutes: number, totalCost: number) {
  return {
    type: 'Node',
    properties: {
      category: 'Compute',
      provider: 'AWS',
      service: 'Kubernetes',
      cluster: 'cluster-one',
      name,
      providerID: `aws:///eu-west-1a/i-${name}`,
    },
    labels: { kubernetes_io_arch: 'amd64', node_kubernetes_io_instance_type: 'm6i.xlarge', ...labels },
    window: { start: '2026-11-25T12:00:00Z', end: '2026-12-02T12:00:00Z' },
    start: '2026-11-25T12:00:00Z',
    end: '2026-12-02T12:00:00Z',
    minutes,
    nodeType: 'm6i.xlarge',
    cpuCores: 4,
    ramBytes: 17179869184,
    cpuCost: totalCost * 0.7,
    gpuCost: 0,
    ramCost: totalCost * 0.3,
    discount: 0,
    preemptible: 0,
    adjustment: 0,
    totalCost,
  };
}

const ASSETS = {
  code: 200,
  status: 'success',
  data: [
    {
      'cluster-one/__undefined__/node/ip-10-0-1-1': nodeAsset('ip-10-0-1-1', { eks_amazonaws_com_nodegroup: 'general' }, 10080, 32.256),
      'cluster-one/__undefined__/node/ip-10-0-1-2': nodeAsset('ip-10-0-1-2', { label_eks_amazonaws_com_nodegroup: 'general' }, 1440, 6.912),
      'cluster-one/__undefined__/node/ip-10-0-2-1': nodeAsset('ip-10-0-2-1', { alpha_eksctl_io_nodegroup_name: 'legacy' }, 600, 1.5),
      'cluster-one/__undefined__/node/ip-10-0-3-1': nodeAsset('ip-10-0-3-1', { eks_amazonaws_com_nodegroup: 'ghost' }, 600, 9),
      'cluster-one/__undefined__/node/ip-10-0-4-1': nodeAsset('ip-10-0-4-1', {}, 600, 9),
      'cluster-one/__undefined__/disk/vol-0a1b': {
        type: 'Disk',
        properties: { category: 'Storage', cluster: 'cluster-one', name: 'vol-0a1b' },
        minutes: 10080,
        totalCost: 4.8,
      },
    },
  ],
};

describe('node costs from OpenCost', () => {
  let server: ReplayServer;

  beforeEach(async () => {
    server = await startReplayServer();
  });

  afterEach(() => server.close());

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let stores: Stores;
    let signals: DatabasePoolSignalsStore;
    let logger: ReturnType<typeof mockServices.logger.mock>;

    beforeEach(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex);
      signals = new DatabasePoolSignalsStore(knex);
      logger = mockServices.logger.mock();
      const at = new Date().toISOString();
      await stores.pools.applySync({
        source: { id: 'aws', kind: 'eks', target: 'aws' },
        startedAt: at,
        finishedAt: at,
        outcome: {
          listings: [{ scope: CLUSTER_REF, complete: true, pools: [preparePool(makePoolSpec(), ownership)] }],
        },
      });
      await stores.pools.applySync({
        source: { id: 'kubernetes', kind: 'kubernetes', target: 'one cluster' },
        startedAt: at,
        finishedAt: at,
        outcome: {
          listings: [
            {
              scope: 'kubernetes/prod',
              complete: true,
              pools: [preparePool(makePoolSpec({ provider: 'kubernetes', name: 'legacy' }), ownership)],
            },
          ],
        },
      });
    });

    function task(endpoints: Array<Partial<OpenCostEndpoint> & { cluster: OpenCostEndpoint['cluster'] }>) {
      return new OpenCostTask({
        endpoints: endpoints.map(e => ({ baseUrl: server.url, window: '7d', ...e })),
        signals,
        pools: stores.pools,
        poolLabelKeys: DEFAULT_POOL_LABEL_KEYS,
        logger,
        client: endpoint => new OpenCostClient({ baseUrl: endpoint.baseUrl, policy: { maxAttempts: 1 } }),
        now: () => new Date('2026-12-02T12:00:00.000Z'),
      });
    }

    const costs = async () =>
      Object.fromEntries(
        [...(await new DatabaseGovernanceSignals(knex).read([GENERAL, LEGACY]))].map(([ref, s]) => [ref, s.realNodeHourly]),
      );

    it.each([
      ['its ref', { ref: { provider: 'eks' as const, account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod' } }],
      ['its name', { name: 'payments-prod' }],
    ])("keeps the cost per node hour of each pool of the cluster named by %s", async (_by, cluster) => {
      server.route({ path: '/assets', query: { window: '7d', filterTypes: 'Node' } }, { json: ASSETS });

      const first = await task([{ cluster }]).run();

      expect(first).toEqual({ pools: [2], written: 2 });
      const stored = await costs();
      // (32.256 + 6.912) / (168 h + 24 h)
      expect(stored[GENERAL]).toBeCloseTo(0.204, 10);
      expect(stored[LEGACY]).toBeCloseTo(0.15, 10);
      expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('(5 nodes, 2 in no known pool)'));
      expect(await knex('nodepools_pool_node_costs').where({ ref: GENERAL }).first()).toMatchObject({
        node_hours: 192,
        cost_window: '7d',
        origin: server.url,
      });

      // The same costs an hour later write nothing.
      expect(await task([{ cluster }]).run()).toEqual({ pools: [2], written: 0 });
    });

    it.each([
      ['an error answer', { json: { code: 400, message: 'error parsing window (7x)' } }, "'code' is 400, not 200: error parsing window (7x)"],
      ['an HTTP error', { status: 500, json: { message: 'out of memory' } }, 'HTTP 500'],
      ['a body that is no JSON', { body: '{"code": 200, "data": [' }, 'is not valid JSON'],
      [
        'a node without its cost',
        { json: { code: 200, data: [{ n: { ...nodeAsset('n', {}, 60, 1), totalCost: '1.00' } }] } },
        'data[0]["n"].totalCost must be a number of at least 0, got "1.00"',
      ],
      [
        'a node without a name',
        { json: { code: 200, data: [{ n: { ...nodeAsset('', {}, 60, 1) } }] } },
        'data[0]["n"].properties.name must be a non-empty string',
      ],
      ['no data', { json: { code: 200, data: {} } }, "'data' must be a list of asset sets"],
    ])('keeps the stored costs after %s, warning why', async (_what, answer, message) => {
      await signals.recordNodeCosts([
        { ref: GENERAL, nodeHourly: 0.3, nodeHours: 10, window: '7d', origin: server.url, observedAt: '2026-12-01T00:00:00.000Z' },
      ]);
      server.route('/assets', answer);

      const summary = await task([{ cluster: { name: 'payments-prod' } }]).run();

      expect(summary).toEqual({ pools: [undefined], written: 0 });
      expect(await costs()).toEqual({ [GENERAL]: 0.3 });
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn.mock.calls[0][0]).toContain(`Node costs from OpenCost at ${server.url} could not be read`);
      expect(logger.warn.mock.calls[0][0]).toContain(message);
    });

    it('reads the other endpoints when one names a cluster the inventory does not have', async () => {
      server.route('/assets', { json: ASSETS });

      const summary = await task([
        { cluster: { name: 'staging' } },
        { cluster: { name: 'payments-prod' }, window: '24h' },
      ]).run();

      expect(summary).toEqual({ pools: [undefined, 2], written: 2 });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining("the inventory has no pools of cluster 'staging'"),
      );
      expect(server.requestsTo('/assets').map(r => r.query.window)).toEqual(['24h']);
    });
  });
});

describe('readOpenCostEndpoints', () => {
  const read = (opencost: JsonValue) =>
    readOpenCostEndpoints(new ConfigReader({ nodepools: { cost: { opencost } } }));

  it('reads each block, with a 7d window by default', () => {
    expect(
      read([
        { baseUrl: 'http://opencost.opencost:9003/', cluster: 'payments-prod' },
        { baseUrl: 'https://costs.example.com/model', cluster: CLUSTER_REF, window: '30d' },
      ]),
    ).toEqual([
      { baseUrl: 'http://opencost.opencost:9003', cluster: { name: 'payments-prod' }, window: '7d' },
      {
        baseUrl: 'https://costs.example.com/model',
        cluster: { ref: { provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod' } },
        window: '30d',
      },
    ]);
    expect(readOpenCostEndpoints(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [{ baseUrl: '/assets', cluster: 'a' }, 'nodepools.cost.opencost[0].baseUrl: endpoint must be an absolute URL'],
    [{ baseUrl: 'opencost:9003', cluster: 'a' }, 'nodepools.cost.opencost[0].baseUrl: endpoint must be an http or https URL'],
    [{ baseUrl: 'http://o:9003', cluster: ' ' }, 'nodepools.cost.opencost[0].cluster: must name a cluster'],
    [{ baseUrl: 'http://o:9003', cluster: 'gcp/p/r/c' }, "nodepools.cost.opencost[0].cluster: 'gcp/p/r/c' is not a cluster ref"],
    [{ baseUrl: 'http://o:9003', cluster: 'a', window: '7 days' }, "nodepools.cost.opencost[0].window: expected a duration such as 24h, 7d or 2w, got '7 days'"],
  ])('rejects %j naming the key', (block, message) => {
    expect(() => read([block])).toThrow(message);
  });
});
