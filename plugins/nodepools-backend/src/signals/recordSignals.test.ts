import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import { preparePool } from '../inventory/preparePool';
import { syncSource } from '../inventory/syncSource';
import type { EksScopeListing } from '../sources/eks';
import { ClusterConnector, ClusterTokenResolver, KubernetesNodesSource } from '../sources/kubernetes';
import {
  pagedList,
  startFakeApiServer,
  type FakeApiServer,
} from '../sources/kubernetes/__testUtils__/fakeApiServer';
import { node, pod } from '../sources/kubernetes/__testUtils__/objects';
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';
import { DatabaseGovernanceSignals } from './DatabaseGovernanceSignals';
import { DatabasePoolSignalsStore, type PoolSignalsStore } from './PoolSignalsStore';
import { recordSignals } from './recordSignals';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.signals-reader-token';
const CLOUD_REF = 'eks/111122223333/eu-west-1/payments-prod/general';
const OWN_REF = 'kubernetes/111122223333/eu-west-1/payments-prod/legacy';
const GiB = 2 ** 30;

const connector = new ClusterConnector(
  new ClusterTokenResolver({ inClusterTokenPath: '/nonexistent/token' }),
);

describe('signals recorded as the listings pass', () => {
  let api: FakeApiServer;
  let usage: Record<string, [string, string]>;

  beforeAll(async () => {
    api = await startFakeApiServer(request => {
      if (request.path === '/api/v1/nodes') {
        return pagedList(
          request,
          [
            node({ name: 'a', labels: { 'eks.amazonaws.com/nodegroup': 'general' }, allocatable: { cpu: '4' } }),
            node({ name: 'b', labels: { 'alpha.eksctl.io/nodegroup-name': 'legacy' }, allocatable: { cpu: '2' } }),
          ],
          'NodeList',
        );
      }
      if (request.path === '/api/v1/pods') {
        return pagedList(
          request,
          [pod({ name: 'web', nodeName: 'a', containers: [{ requests: { cpu: '1500m', memory: '2Gi' } }] })],
          'PodList',
        );
      }
      if (request.path === '/version') return { json: { gitVersion: 'v1.33.2' } };
      if (request.path === '/apis/metrics.k8s.io/v1beta1/nodes') {
        return {
          json: {
            kind: 'NodeMetricsList',
            items: Object.entries(usage).map(([name, [cpu, memory]]) => ({ metadata: { name }, usage: { cpu, memory } })),
          },
        };
      }
      return undefined;
    });
  });

  afterAll(() => api.close());

  function nodesSource() {
    return KubernetesNodesSource.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'prod', url: api.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN, skipTLSVerify: true },
              ],
            },
          ],
        },
        nodepools: {
          kubernetes: {
            maxAttempts: 1,
            clusters: [
              {
                name: 'prod',
                cloudCluster: { provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod' },
              },
            ],
          },
        },
      }),
      { connector },
    );
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let stores: Stores;
    let signals: DatabasePoolSignalsStore;
    let reader: DatabaseGovernanceSignals;
    let logger: ReturnType<typeof mockServices.logger.mock>;

    beforeEach(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex);
      signals = new DatabasePoolSignalsStore(knex);
      reader = new DatabaseGovernanceSignals(knex);
      logger = mockServices.logger.mock();
      // The EKS source has listed the cloud pool the `general` nodes belong to.
      await stores.pools.applySync({
        source: { id: 'aws', kind: 'eks', target: 'aws' },
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        outcome: {
          listings: [
            {
              scope: 'eks/111122223333/eu-west-1/payments-prod',
              complete: true,
              pools: [preparePool(makePoolSpec(), ownership)],
            },
          ],
        },
      });
    });

    function sync(source = recordSignals(nodesSource(), { signals, pools: stores.pools, logger })) {
      return syncSource({ source, store: stores.pools, ownership, logger });
    }

    it("files usage under the pool the sync files the nodes' roll-up under, and never rewrites pool rows for it", async () => {
      usage = { a: ['1', '3Gi'], b: ['250m', '1Gi'] };
      const first = await sync();
      expect(first.created).toBe(1);

      const read = await reader.read([CLOUD_REF, OWN_REF]);
      expect(read.get(CLOUD_REF)?.usage).toMatchObject({
        used: { cpu: 1, memory: 3 * GiB },
        peakRequested: { cpu: 1.5, memory: 2 * GiB },
      });
      expect(read.get(OWN_REF)?.usage).toMatchObject({
        used: { cpu: 0.25, memory: GiB },
        peakRequested: { cpu: 0, memory: 0 },
      });

      const versionBefore = await knex('nodepools_listing_version').select();
      usage = { a: ['3', '6Gi'], b: ['250m', '1Gi'] };
      const second = await sync();

      expect(second.poolRowsWritten).toBe(0);
      expect(await knex('nodepools_listing_version').select()).toEqual(versionBefore);
      expect((await reader.read([CLOUD_REF])).get(CLOUD_REF)?.usage?.used).toEqual({ cpu: 3, memory: 6 * GiB });
      const pool = await stores.pools.getPool(CLOUD_REF);
      expect(JSON.stringify(pool)).not.toContain('usage');
    });

    it('syncs as before when the signals cannot be stored', async () => {
      usage = { a: ['1', '1Gi'] };
      const failing: PoolSignalsStore = {
        recordObservations: () => Promise.reject(new Error('database is locked')),
        recordSubnets: () => Promise.reject(new Error('database is locked')),
        recordNodeCosts: () => Promise.reject(new Error('database is locked')),
        pruneDailyBefore: () => Promise.reject(new Error('database is locked')),
      };

      const summary = await sync(recordSignals(nodesSource(), { signals: failing, pools: stores.pools, logger }));

      expect(summary.created).toBe(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'The pool signals read by source kubernetes could not be stored; the last stored values stay: database is locked',
      );
    });

    it("keeps each EKS pool's own subnets, and the last ones when a listing has none", async () => {
      const general = makePoolSpec({ raw: { subnets: ['subnet-a', 'subnet-b'] } });
      const spot = makePoolSpec({ name: 'spot', raw: { subnets: ['subnet-b', 'subnet-gone'] } });
      const bare = makePoolSpec({ name: 'bare', raw: {} });
      let headroom: EksScopeListing['subnetHeadroom'] = {
        observedAt: '2026-12-02T10:00:00.000Z',
        subnets: [
          { id: 'subnet-a', availableIps: 8000, cidr: '10.0.0.0/19' },
          { id: 'subnet-b', availableIps: 4 },
        ],
      };
      const eks = recordSignals(
        {
          id: 'aws',
          kind: 'eks',
          target: 'aws',
          list: async () => [
            { scope: 'eks/111122223333/eu-west-1/payments-prod', complete: true, pools: [general, spot, bare], subnetHeadroom: headroom },
          ],
        },
        { signals, pools: stores.pools, logger },
      );

      await syncSource({ source: eks, store: stores.pools, ownership, logger });
      headroom = undefined;
      await syncSource({ source: eks, store: stores.pools, ownership, logger });

      const read = await reader.read([CLOUD_REF, `${CLOUD_REF.replace('/general', '/spot')}`, CLOUD_REF.replace('/general', '/bare')]);
      expect(Object.fromEntries([...read].map(([ref, s]) => [ref, s.subnets]))).toEqual({
        [CLOUD_REF]: {
          observedAt: '2026-12-02T10:00:00.000Z',
          subnets: [
            { id: 'subnet-a', availableIps: 8000, cidr: '10.0.0.0/19' },
            { id: 'subnet-b', availableIps: 4 },
          ],
        },
        [CLOUD_REF.replace('/general', '/spot')]: {
          observedAt: '2026-12-02T10:00:00.000Z',
          subnets: [{ id: 'subnet-b', availableIps: 4 }],
        },
      });
    });

    it('records nothing of a cluster that was not read in full', async () => {
      const partial = recordSignals(
        {
          id: 'kubernetes',
          kind: 'kubernetes',
          target: 'one cluster',
          list: async () => [],
          listObserved: async () => {
            const [listing] = await nodesSource().listObserved({});
            return [{ ...listing, complete: false, error: 'GET /api/v1/pods (page 2): HTTP 500' }];
          },
        } as never,
        { signals, pools: stores.pools, logger },
      );
      usage = { a: ['1', '1Gi'] };

      await syncSource({ source: partial, store: stores.pools, ownership, logger });

      expect(await reader.read([CLOUD_REF, OWN_REF])).toEqual(new Map());
      expect(await knex('nodepools_pool_usage_daily')).toEqual([]);
    });
  });
});
