import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import { ClusterTokenResolver } from '../sources/kubernetes/auth/clusterToken';
import { ClusterConnector } from '../sources/kubernetes/clusterConnector';
import { KubernetesNodesSource } from '../sources/kubernetes/KubernetesNodesSource';
import {
  FakeApiServer,
  pagedList,
  startFakeApiServer,
} from '../sources/kubernetes/__testUtils__/fakeApiServer';
import { node, pod } from '../sources/kubernetes/__testUtils__/objects';
import type { PoolSource, ScopeListing } from '../sources/types';
import { createStoresFromKnex } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';
import { syncSource } from './syncSource';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const logger = mockServices.logger.mock();

/** The EKS API's view of the cluster: one managed node group. */
const cloudSource: PoolSource = {
  id: 'eks',
  kind: 'eks',
  target: 'account 111122223333',
  async list(): Promise<ScopeListing[]> {
    return [
      {
        scope: 'eks/111122223333/eu-west-1/payments-prod',
        complete: true,
        pools: [makePoolSpec({ nodeCount: 3 })],
      },
    ];
  },
};

describe('observed nodes merged onto cloud pools', () => {
  let api: FakeApiServer;
  let nodes: object[];

  const makeNodes = () => [
      node({
        name: 'a',
        labels: { 'eks.amazonaws.com/nodegroup': 'general', 'kubernetes.io/os': 'linux' },
        allocatable: { cpu: '4', memory: '16Gi', pods: '58' },
      }),
      node({
        name: 'b',
        ready: false,
        labels: { 'eks.amazonaws.com/nodegroup': 'general', 'kubernetes.io/os': 'linux' },
        allocatable: { cpu: '4', memory: '16Gi', pods: '58' },
      }),
      node({
        name: 'c',
        labels: { 'kops.k8s.io/instancegroup': 'legacy', 'kubernetes.io/os': 'linux' },
        allocatable: { cpu: '2', memory: '8Gi', pods: '110' },
      }),
  ];

  beforeEach(() => {
    nodes = makeNodes();
  });

  beforeAll(async () => {
    api = await startFakeApiServer(request => {
      if (request.path === '/api/v1/nodes') return pagedList(request, nodes, 'NodeList');
      if (request.path === '/api/v1/pods') {
        return pagedList(
          request,
          [pod({ name: 'web', nodeName: 'a', containers: [{ requests: { cpu: '500m', memory: '1Gi' } }] })],
          'PodList',
        );
      }
      return undefined;
    });
  });
  afterAll(() => api.close());

  it.each(databases.eachSupportedId())('on %p', async databaseId => {
    const { pools: store } = await createStoresFromKnex(
      await databases.init(databaseId as TestDatabaseId),
    );
    const kubernetes = KubernetesNodesSource.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'payments-prod',
                  url: api.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'token-for-tests',
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
        nodepools: {
          kubernetes: {
            clusters: [
              {
                name: 'payments-prod',
                cloudCluster: { provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod' },
              },
            ],
          },
        },
      }),
      { connector: new ClusterConnector(new ClusterTokenResolver({ inClusterTokenPath: '/nonexistent' })) },
    );

    await syncSource({ source: cloudSource, store, ownership, logger });
    const first = await syncSource({ source: kubernetes, store, ownership, logger });
    expect(first.created).toBe(1); // only the kOps group is a pool of its own

    const page = await store.listPools({});
    expect(page.items.map(p => `${p.provider}:${p.name}`).sort()).toEqual([
      'eks:general',
      'kubernetes:legacy',
    ]);
    const eks = page.items.find(p => p.provider === 'eks')!;
    expect(eks.nodeCount).toBe(3);
    expect(eks.observed).toMatchObject({
      nodeCount: 2,
      readyCount: 1,
      allocatable: { cpu: 8, memory: 32 * 1024 ** 3, pods: 116 },
      requested: { cpu: 0.5, memory: 1024 ** 3 },
    });
    // The list item carries what a card shows; the pool itself says when the nodes were read.
    expect(eks.observed).not.toHaveProperty('observedAt');
    expect((await store.getPool(eks.ref))?.observed?.observedAt).toEqual(expect.any(String));
    expect(page.items.find(p => p.provider === 'kubernetes')?.observed?.nodeCount).toBe(1);

    const again = await syncSource({ source: kubernetes, store, ownership, logger });
    expect(again.poolRowsWritten).toBe(0);

    // Node b leaves: only the EKS pool's roll-up is rewritten.
    nodes.splice(1, 1);
    const changed = await syncSource({ source: kubernetes, store, ownership, logger });
    expect(changed.poolRowsWritten).toBe(1);
    const pool = await store.getPool(eks.ref);
    expect(pool?.observed).toMatchObject({ nodeCount: 1, readyCount: 1 });
  });
});
