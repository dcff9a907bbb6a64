import { ConfigReader } from '@backstage/config';
import { ClusterTokenResolver } from './auth/clusterToken';
import { ClusterConnector } from './clusterConnector';
import { matchesCloudPool } from '../../inventory/matchesCloudPool';
import { KubernetesNodesSource, type ObservedClusterListing } from './KubernetesNodesSource';
import {
  kubeStatus,
  pagedList,
  startFakeApiServer,
  type FakeApiServer,
  type RecordedRequest,
} from './__testUtils__/fakeApiServer';
import { node, pod } from './__testUtils__/objects';
import {
  SHARED_FIXTURES_NOTE,
  readSharedFixture,
  sharedFixturesAvailable,
} from '../testing/sharedFixtures';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.prod-service-account-token';
const BROKEN_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.broken-service-account-token';

const connector = new ClusterConnector(
  new ClusterTokenResolver({ inClusterTokenPath: '/nonexistent/token' }),
);

function sourceFor(clusters: object[], extra: object = {}) {
  return KubernetesNodesSource.fromConfig(
    new ConfigReader({
      kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
      nodepools: { kubernetes: { pageSize: 2, attempts: 1, requestTimeout: { seconds: 5 }, ...extra } },
    }),
    { connector },
  );
}

describe('KubernetesNodesSource', () => {
  let prod: FakeApiServer;
  let broken: FakeApiServer;

  beforeAll(async () => {
    prod = await startFakeApiServer((request: RecordedRequest) => {
      if (request.path === '/api/v1/nodes') {
        return pagedList(
          request,
          [
            node({
              name: 'a',
              labels: {
                'eks.amazonaws.com/nodegroup': 'general',
                'kubernetes.io/os': 'linux',
                'node.kubernetes.io/instance-type': 'm6i.large',
              },
              allocatable: { cpu: '2', memory: '8Gi', pods: '29' },
            }),
            node({
              name: 'b',
              labels: {
                'alpha.eksctl.io/nodegroup-name': 'legacy-ng',
                'kubernetes.io/os': 'windows',
                'kubernetes.io/arch': 'amd64',
                'node.kubernetes.io/instance-type': 'm5.xlarge',
              },
              taints: [{ key: 'os', value: 'windows', effect: 'NoSchedule' }],
              allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
            }),
            node({ name: 'c', allocatable: { cpu: '1' } }),
          ],
          'NodeList',
        );
      }
      if (request.path === '/api/v1/pods') {
        return pagedList(
          request,
          [pod({ name: 'web', nodeName: 'a', containers: [{ requests: { cpu: '500m', memory: '1Gi' } }] })],
          'PodList',
        );
      }
      return undefined;
    });
    broken = await startFakeApiServer(request => ({
      status: 403,
      json: kubeStatus(
        403,
        'Forbidden',
        `nodes is forbidden: token ${request.authorization?.replace('Bearer ', '')} cannot list resource "nodes"`,
      ),
    }));
  });

  afterAll(async () => {
    await prod.close();
    await broken.close();
  });

  it('lists one scope per cluster: pools, raw roll-ups, and failures kept apart', async () => {
    const source = KubernetesNodesSource.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'prod-use1', url: prod.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN, skipTLSVerify: true },
                { name: 'legacy', url: prod.url, authProvider: 'oidc', oidcTokenProvider: 'okta' },
                { name: 'broken', url: broken.url, authProvider: 'serviceAccount', serviceAccountToken: BROKEN_TOKEN, skipTLSVerify: true },
              ],
            },
          ],
        },
        nodepools: {
          kubernetes: {
            pageSize: 2,
            attempts: 1,
            clusters: [
              {
                name: 'prod-use1',
                cloudCluster: { provider: 'eks', account: '123456789012', region: 'us-east-1', cluster: 'prod' },
              },
            ],
          },
        },
      }),
      { connector },
    );
    expect(source.kind).toBe('kubernetes');
    expect(source.id).toBe('kubernetes');
    expect(source.target).toBe('3 Kubernetes clusters: prod-use1, legacy, broken');

    const listings = (await source.listObserved({})) as ObservedClusterListing[];
    expect(listings.map(l => [l.scope, l.complete])).toEqual([
      ['kubernetes/prod-use1', true],
      ['kubernetes/legacy', false],
      ['kubernetes/broken', false],
    ]);

    const [ok, legacy, failed] = listings;
    expect(ok.identity).toEqual({ cluster: 'prod', account: '123456789012', region: 'us-east-1' });
    expect(ok.unpooledNodes).toBe(1);
    expect(ok.observed.map(o => [o.pool, o.provider, o.cluster])).toEqual([
      ['general', 'eks', 'prod'],
      ['legacy-ng', 'kubernetes', 'prod'],
    ]);
    expect(ok.observed[0].observed.requested).toEqual({ cpu: 0.5, memory: 2 ** 30, pods: 1 });

    const selfManaged = ok.pools.find(p => p.name === 'legacy-ng')!;
    expect(selfManaged).toMatchObject({
      provider: 'kubernetes',
      account: '123456789012',
      region: 'us-east-1',
      cluster: 'prod',
      os: 'windows',
      arch: 'amd64',
      machineTypes: ['m5.xlarge'],
      nodeCount: 1,
      labels: { 'alpha.eksctl.io/nodegroup-name': 'legacy-ng' },
      taints: [{ key: 'os', value: 'windows', effect: 'NoSchedule' }],
    });

    const cloudPool = {
      provider: 'eks' as const,
      account: '123456789012',
      region: 'us-east-1',
      cluster: 'prod',
      name: 'general',
    };
    expect(matchesCloudPool(cloudPool, ok.observed[0], ok.identity)).toBe(true);
    expect(matchesCloudPool({ ...cloudPool, region: 'eu-west-1' }, ok.observed[0], ok.identity)).toBe(false);
    expect(matchesCloudPool({ ...cloudPool, provider: 'karpenter' }, ok.observed[0], ok.identity)).toBe(false);
    expect(matchesCloudPool(cloudPool, ok.observed[1], ok.identity)).toBe(false);

    expect(legacy.pools).toEqual([]);
    expect(legacy.error).toMatch(/^cluster 'legacy': auth provider 'oidc' is not supported by nodepools/);
    expect(prod.requests.some(r => r.authorization === undefined)).toBe(false);

    expect(failed.error).toBe(
      "cluster 'broken': GET /api/v1/nodes (page 1): authentication failed (HTTP 403): Forbidden: nodes is forbidden: token [redacted] cannot list resource \"nodes\"",
    );
    expect(JSON.stringify(listings)).not.toContain(BROKEN_TOKEN);
    expect(JSON.stringify(listings)).not.toContain(TOKEN);
  });

  it('returns the same listings through the PoolSource contract', async () => {
    const source = sourceFor([
      { name: 'one', url: prod.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN, skipTLSVerify: true },
    ]);
    const [listing] = await source.list({});
    expect(listing.scope).toBe('kubernetes/one');
    expect(listing.complete).toBe(true);
    expect(listing.pools.map(p => [p.provider, p.cluster, p.name])).toEqual([
      ['kubernetes', 'one', 'general'],
      ['kubernetes', 'one', 'legacy-ng'],
    ]);
  });

  it('reads the pool labels the config names, in its order', async () => {
    const source = sourceFor(
      [{ name: 'one', url: prod.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN, skipTLSVerify: true }],
      { poolLabelKeys: ['kubernetes.io/os'] },
    );
    const [listing] = await source.listObserved({});
    expect(listing.observed.map(o => [o.pool, o.poolLabel])).toEqual([
      ['linux', 'kubernetes.io/os'],
      ['windows', 'kubernetes.io/os'],
    ]);
    expect(listing.unpooledNodes).toBe(1);
  });

  const describeWithSamples = sharedFixturesAvailable() ? describe : describe.skip;
  describeWithSamples(`with the public samples${SHARED_FIXTURES_NOTE}`, () => {
    it('rolls up a real EKS managed node group node', async () => {
      const nodeList = readSharedFixture<{ items: unknown[] }>('node-eks-managed.json');
      const api = await startFakeApiServer(request => {
        if (request.path === '/api/v1/nodes') return pagedList(request, nodeList.items, 'NodeList');
        if (request.path === '/api/v1/pods') return pagedList(request, [], 'PodList');
        return undefined;
      });
      try {
        const [listing] = await sourceFor([
          { name: 'qovery', url: api.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN, skipTLSVerify: true },
        ]).listObserved({});
        expect(listing.complete).toBe(true);
        expect(listing.observed).toHaveLength(1);
        const [pool] = listing.observed;
        expect(pool).toMatchObject({
          pool: 'qovery-dmubm9agk7sr8a8r-1',
          poolLabel: 'eks.amazonaws.com/nodegroup',
          provider: 'eks',
        });
        expect(pool.observed).toMatchObject({
          nodeCount: 1,
          readyCount: 1,
          kubeletVersions: ['v1.16.13-eks-ec92d4'],
          osImages: ['Amazon Linux 2'],
          zones: ['us-east-2c'],
          allocatable: {
            cpu: 1.93,
            memory: 7408576 * 1024,
            pods: 35,
            'ephemeral-storage': 18242267924,
            'attachable-volumes-aws-ebs': 39,
            'hugepages-2Mi': 0,
          },
          requested: {},
        });
        expect(listing.pools[0]).toMatchObject({
          machineTypes: ['t2.large'],
          arch: 'amd64',
          os: 'linux',
          zones: ['us-east-2c'],
          kubernetesVersion: 'v1.16.13-eks-ec92d4',
        });
      } finally {
        await api.close();
      }
    });
  });
});
