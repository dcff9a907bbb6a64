import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_OWNER_KEYS, type NodePool } from '@nodepools/plugin-nodepools-common';
import request from 'supertest';
import { syncSource } from '../inventory/syncSource';
import { nodepoolsPlugin } from '../plugin';
import { FileSource } from '../sources/file/FileSource';
import { DEFAULT_POOL_LABEL_KEYS } from '../sources/kubernetes';
import { ClusterTokenResolver } from '../sources/kubernetes/auth/clusterToken';
import { ClusterConnector } from '../sources/kubernetes/clusterConnector';
import { KubernetesNodesSource } from '../sources/kubernetes/KubernetesNodesSource';
import { pagedList, startFakeApiServer } from '../sources/kubernetes/__testUtils__/fakeApiServer';
import { createStoresFromKnex } from '../store/createStores';
import { readSnapshotFiles } from './snapshotFiles';
import { SnapshotNodesSource } from './SnapshotNodesSource';

jest.setTimeout(60_000);

const REPO = path.resolve(__dirname, '../../../..');
const SNAPSHOT = 'sample-inventory/triage/payments-prod';
const EXPORT = 'sample-inventory/eks-payments-prod.json';
const PAYMENTS = { provider: 'eks', account: '111122223333', region: 'us-east-1', cluster: 'payments-prod' };
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const logger = mockServices.logger.mock();

const snapshotConfig = (files: Record<string, string>) =>
  new ConfigReader({ nodepools: { triage: { files: [{ ...PAYMENTS, ...files }] } } });

async function readJson(file: string): Promise<{ items: unknown[] }> {
  return JSON.parse(await fs.readFile(path.join(REPO, file), 'utf8'));
}

/** Each pool's roll-up without the time it was read. */
function rollUps(pools: NodePool[]) {
  return Object.fromEntries(
    pools.map(pool => {
      const { observedAt: _at, ...observed } = pool.observed ?? ({} as NonNullable<NodePool['observed']>);
      return [pool.name, pool.observed ? observed : undefined];
    }),
  );
}

describe('the saved payments-prod snapshot', () => {
  it('shows the observed nodes of the sample cluster on each of its pools in the embedded default', async () => {
    const { server } = await startTestBackend({
      features: [
        nodepoolsPlugin,
        mockServices.rootConfig.factory({
          data: {
            nodepools: {
              schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
              sources: { files: [{ path: path.join(REPO, EXPORT) }] },
              triage: {
                files: [
                  {
                    ...PAYMENTS,
                    pods: path.join(REPO, SNAPSHOT, 'pods.json'),
                    nodes: path.join(REPO, SNAPSHOT, 'nodes.json'),
                  },
                ],
              },
            },
          },
        }),
        mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      ],
    });
    const res = await request(server)
      .get('/api/nodepools/pools?cluster=payments-prod&limit=500')
      .set('Authorization', mockCredentials.user.header());
    const pools: NodePool[] = res.body.items;
    // The snapshot's nodes merge onto the exported node groups; none becomes a pool of its own.
    expect(pools.map(p => `${p.provider}:${p.name}`).sort()).toEqual(
      [
        'api',
        'api-graviton',
        'batch-arm-spot',
        'gpu-fraud',
        'ingress',
        'ledger',
        'legacy-al2',
        'monitoring',
        'system',
        'windows-reports',
        'workers-spot',
      ].map(name => `eks:${name}`),
    );
    expect(pools.every(p => p.observed && p.observed.nodeCount > 0)).toBe(true);
    expect(pools.reduce((sum, p) => sum + p.observed!.nodeCount, 0)).toBe(36);
    const byName = new Map(pools.map(p => [p.name, p]));
    // One workers-spot node stopped reporting; the cordoned api node is still Ready.
    expect(byName.get('workers-spot')?.observed).toMatchObject({ nodeCount: 7, readyCount: 6 });
    expect(byName.get('api')?.observed).toMatchObject({ nodeCount: 8, readyCount: 8 });
    expect(byName.get('api')?.observed?.requested.cpu).toBeGreaterThan(0);
    expect(byName.get('api')?.observed?.allocatable.cpu).toBeGreaterThan(byName.get('api')!.observed!.requested.cpu!);

    const sources = await request(server).get('/api/nodepools/sources').set('Authorization', mockCredentials.user.header());
    expect(sources.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'triage-files', status: 'ok', poolCount: 0 })]),
    );
  });

  it('rolls up exactly as the same nodes and pods read from a live cluster', async () => {
    const [nodes, pods] = await Promise.all([
      readJson(`${SNAPSHOT}/nodes.json`),
      readJson(`${SNAPSHOT}/pods.json`),
    ]);
    const api = await startFakeApiServer(req => {
      if (req.path === '/api/v1/nodes') return pagedList(req, nodes.items, 'NodeList');
      if (req.path === '/api/v1/pods') return pagedList(req, pods.items, 'PodList');
      return undefined;
    });
    try {
      const live = KubernetesNodesSource.fromConfig(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  { name: 'payments', url: api.url, authProvider: 'serviceAccount', serviceAccountToken: 'token-for-tests', skipTLSVerify: true },
                ],
              },
            ],
          },
          nodepools: { kubernetes: { pageSize: 7, clusters: [{ name: 'payments', cloudCluster: PAYMENTS }] } },
        }),
        { connector: new ClusterConnector(new ClusterTokenResolver({ inClusterTokenPath: '/nonexistent' })) },
      );
      const saved = new SnapshotNodesSource(
        readSnapshotFiles(snapshotConfig({ pods: `${SNAPSHOT}/pods.json`, nodes: `${SNAPSHOT}/nodes.json` })),
        REPO,
        DEFAULT_POOL_LABEL_KEYS,
      );
      const viewThrough = async (observer: KubernetesNodesSource | SnapshotNodesSource) => {
        const { pools } = await createStoresFromKnex(await databases.init('SQLITE_3'));
        await syncSource({ source: new FileSource([{ path: EXPORT }], REPO), store: pools, ownership, logger });
        await syncSource({ source: observer, store: pools, ownership, logger });
        const listed = (await pools.listPools({ limit: 500 })).items;
        return rollUps(await Promise.all(listed.map(async p => (await pools.getPool(p.ref))!)));
      };
      const fromFiles = await viewThrough(saved);
      expect(Object.keys(fromFiles)).toHaveLength(11);
      expect(await viewThrough(live)).toEqual(fromFiles);
    } finally {
      await api.close();
    }
  });

  it.each([
    [{ nodes: 'missing/nodes.json' }, 'nodes file missing/nodes.json: file not found'],
    [{ nodes: 'sample-inventory' }, 'nodes file sample-inventory: a directory, not a file'],
    [{ nodes: EXPORT }, `nodes file ${EXPORT}: item 0 is not a Node (no metadata)`],
    [{ pods: `${SNAPSHOT}/events.json` }, `pods file ${SNAPSHOT}/events.json: item 0 is not a Pod (kind Event)`],
    [{ pods: 'sample-inventory/sources.yaml' }, 'pods file sample-inventory/sources.yaml: not valid JSON'],
    [{ nodes: path.join(REPO, 'sample-inventory/README.md') }, 'nodes file sample-inventory/README.md: not valid JSON'],
  ])('reports a bad file %j by its path in config, never an absolute one', async (files, message) => {
    const [listing] = await new SnapshotNodesSource(
      readSnapshotFiles(snapshotConfig({ pods: `${SNAPSHOT}/pods.json`, nodes: `${SNAPSHOT}/nodes.json`, ...files })),
      REPO,
      DEFAULT_POOL_LABEL_KEYS,
    ).listObserved();
    expect(listing.complete).toBe(false);
    expect(listing.error).toContain(message);
    expect(listing.error).not.toContain(REPO);
    expect(listing.error).not.toContain(os.homedir());
  });
});
