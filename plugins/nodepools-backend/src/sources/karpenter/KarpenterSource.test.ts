import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { parseAllDocuments } from 'yaml';
import { ClusterTokenResolver } from '../kubernetes/auth/clusterToken';
import { ClusterConnector } from '../kubernetes/clusterConnector';
import {
  kubeStatus,
  notFound,
  pagedList,
  startFakeApiServer,
  type FakeApiServer,
  type FakeHandler,
  type RecordedRequest,
} from '../kubernetes/__testUtils__/fakeApiServer';
import {
  SHARED_FIXTURES_DIR,
  SHARED_FIXTURES_NOTE,
  sharedFixturesAvailable,
} from '../testing/sharedFixtures';
import { KarpenterSource } from './KarpenterSource';
import { nodeClaim, nodePool } from './__testUtils__/karpenterObjects';

const TOKEN = 'karpenter-reader-token-0123456789';

const POOLS = [
  nodePool('general', { nodes: 4 }),
  nodePool('spot', { capacityTypes: ['spot', 'on-demand'] }),
  nodePool('system', {
    taints: [{ key: 'CriticalAddonsOnly', effect: 'NoSchedule' }],
    labels: { 'app.kubernetes.io/managed-by': 'eks' },
  }),
];

const CLAIMS = [
  nodeClaim('spot-a', 'spot'),
  nodeClaim('spot-b', 'spot'),
  nodeClaim('spot-c', 'spot', 'owner'),
  nodeClaim('general-a', 'general'),
];

/** Discovery's answer: the API groups the server serves. */
function apiGroups(groups: Array<{ name: string; versions: string[] }>) {
  return {
    json: {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map(g => ({
        name: g.name,
        versions: g.versions.map(version => ({ groupVersion: `${g.name}/${version}`, version })),
        preferredVersion: { groupVersion: `${g.name}/${g.versions[0]}`, version: g.versions[0] },
      })),
    },
  };
}

function karpenterServer(
  version: 'v1' | 'v1beta1',
  pools: unknown[],
  claims: unknown[],
  override?: FakeHandler,
): FakeHandler {
  return (request: RecordedRequest) => {
    const answer = override?.(request);
    if (answer) return answer;
    if (request.path === `/apis/karpenter.sh/${version}/nodepools`) {
      return pagedList(request, pools, 'NodePoolList', `karpenter.sh/${version}`);
    }
    if (request.path === `/apis/karpenter.sh/${version}/nodeclaims`) {
      return pagedList(request, claims, 'NodeClaimList', `karpenter.sh/${version}`);
    }
    if (request.path === '/apis') {
      return apiGroups([{ name: 'apps', versions: ['v1'] }, { name: 'karpenter.sh', versions: [version] }]);
    }
    return notFound(request.path);
  };
}

describe('KarpenterSource', () => {
  let server: FakeApiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function listWith(handler: FakeHandler, cloudCluster?: object) {
    server = await startFakeApiServer(handler);
    const source = KarpenterSource.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'auto-mode',
                  url: server.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: TOKEN,
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
        nodepools: {
          kubernetes: {
            pageSize: 1,
            attempts: 1,
            ...(cloudCluster ? { clusters: [{ name: 'auto-mode', cloudCluster }] } : {}),
          },
        },
      }),
      {
        connector: new ClusterConnector(
          new ClusterTokenResolver({ inClusterTokenPath: '/nonexistent/token' }),
        ),
      },
    );
    expect(source.kind).toBe('karpenter');
    expect(source.target).toBe('NodePools of 1 Kubernetes cluster: auto-mode');
    const listings = await source.list({});
    expect(listings).toHaveLength(1);
    return listings[0];
  }

  it('lists v1 NodePools page by page and counts nodes from NodeClaims where status has none', async () => {
    const listing = await listWith(karpenterServer('v1', POOLS, CLAIMS), {
      provider: 'eks',
      account: '123456789012',
      region: 'us-west-2',
      cluster: 'auto',
    });

    expect(listing).toMatchObject({ scope: 'karpenter/auto-mode', complete: true });
    expect(listing.error).toBeUndefined();
    expect(listing.issues).toBeUndefined();
    expect(
      listing.pools.map(p => [p.name, p.nodeCount, p.capacityType, p.mode, p.arch]),
    ).toEqual([
      ['general', 4, 'on-demand', 'user', 'arm64'],
      ['spot', 3, 'mixed', 'user', 'arm64'],
      ['system', 0, 'on-demand', 'system', 'arm64'],
    ]);
    expect(listing.pools[0]).toMatchObject({
      provider: 'karpenter',
      account: '123456789012',
      region: 'us-west-2',
      cluster: 'auto',
      autoscaling: { enabled: true },
      labels: { team: 'platform' },
      limits: { cpu: '1000', memory: '1000Gi' },
    });
    expect((listing.pools[0].raw as { metadata: object }).metadata).not.toHaveProperty('managedFields');

    expect(server!.requestsTo('/apis/karpenter.sh/v1/nodepools').map(r => r.query.get('continue'))).toEqual([
      null,
      'page-1',
      'page-2',
    ]);
    expect(server!.requestsTo('/apis/karpenter.sh/v1/nodeclaims')).toHaveLength(4);
    expect(server!.requests.every(r => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('does not list NodeClaims when every NodePool reports its node count', async () => {
    const listing = await listWith(
      karpenterServer('v1', [nodePool('a', { nodes: 1 }), nodePool('b', { nodes: 0 })], CLAIMS),
    );
    expect(listing.pools.map(p => [p.cluster, p.nodeCount])).toEqual([
      ['auto-mode', 1],
      ['auto-mode', 0],
    ]);
    expect(server!.requestsTo('/apis/karpenter.sh/v1/nodeclaims')).toHaveLength(0);
  });

  it('falls back to v1beta1 when the cluster does not serve v1', async () => {
    const listing = await listWith(
      karpenterServer('v1beta1', [nodePool('legacy', { apiVersion: 'karpenter.sh/v1beta1' })], [
        nodeClaim('legacy-a', 'legacy'),
      ]),
    );
    expect(listing.complete).toBe(true);
    expect(listing.pools.map(p => [p.name, p.nodeCount])).toEqual([['legacy', 1]]);
    expect(server!.requestsTo('/apis/karpenter.sh/v1/nodepools')).toHaveLength(1);
    expect(server!.requestsTo('/apis/karpenter.sh/v1beta1/nodeclaims')).toHaveLength(1);
  });

  it('is complete with no pools when discovery confirms Karpenter is not installed', async () => {
    const listing = await listWith(request =>
      request.path === '/apis' ? apiGroups([{ name: 'apps', versions: ['v1'] }]) : notFound(request.path),
    );
    expect(listing).toEqual({ scope: 'karpenter/auto-mode', complete: true, pools: [] });
  });

  it('does not trust a 404 that discovery cannot confirm', async () => {
    const listing = await listWith(request => ({
      status: 404,
      text: `<html><body>No route for ${request.path}</body></html>`,
    }));
    expect(listing.complete).toBe(false);
    expect(listing.pools).toEqual([]);
    expect(listing.error).toBe("cluster 'auto-mode': GET /apis: HTTP 404");
  });

  it('reports a Karpenter too old to have NodePools', async () => {
    const listing = await listWith(request =>
      request.path === '/apis'
        ? apiGroups([{ name: 'karpenter.sh', versions: ['v1alpha5'] }])
        : notFound(request.path),
    );
    expect(listing.complete).toBe(false);
    expect(listing.error).toBe(
      "cluster 'auto-mode': karpenter.sh is served (v1alpha5) but has no NodePools in v1 or v1beta1; " +
        'Karpenter releases before 0.32 use Provisioners, which nodepools does not read',
    );
  });

  it('is incomplete when a page of NodePools fails', async () => {
    const listing = await listWith(
      karpenterServer('v1', POOLS, CLAIMS, request =>
        request.query.get('continue') === 'page-2'
          ? { status: 503, json: kubeStatus(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') }
          : undefined,
      ),
    );
    expect(listing).toEqual({
      scope: 'karpenter/auto-mode',
      complete: false,
      pools: [],
      error:
        "cluster 'auto-mode': GET /apis/karpenter.sh/v1/nodepools (page 3): HTTP 503 ServiceUnavailable: the server is currently unable to handle the request",
    });
  });

  it('keeps the readable NodePools but tombstones nothing when one cannot be read', async () => {
    const broken = nodePool('broken');
    broken.spec.template.spec.requirements[1] = { key: 'kubernetes.io/arch', operator: 'Near', values: ['arm64'] };
    const listing = await listWith(karpenterServer('v1', [nodePool('good', { nodes: 2 }), broken], []));
    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['good']);
    expect(listing.error).toBe("cluster 'auto-mode': 1 NodePool of 2 could not be read");
    expect(listing.issues).toEqual([
      {
        file: 'karpenter/auto-mode',
        index: 1,
        field: 'spec.template.spec.requirements[1].operator',
        message: 'expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte, got "Near"',
      },
    ]);
  });

  it('keeps the pools complete when only the NodeClaim count fails', async () => {
    const listing = await listWith(
      karpenterServer('v1', [nodePool('spot')], [], request =>
        request.path.endsWith('/nodeclaims')
          ? { status: 403, json: kubeStatus(403, 'Forbidden', 'nodeclaims.karpenter.sh is forbidden') }
          : undefined,
      ),
    );
    expect(listing.complete).toBe(true);
    expect(listing.pools[0].nodeCount).toBeUndefined();
    expect(listing.issues).toEqual([
      {
        file: 'karpenter/auto-mode',
        message:
          'node counts unknown: GET /apis/karpenter.sh/v1/nodeclaims (page 1): authentication failed (HTTP 403): Forbidden: nodeclaims.karpenter.sh is forbidden',
      },
    ]);
  });

  const fixtureFiles = [
    'karpenter-nodepool-general-purpose.yaml',
    'karpenter-nodepool-spot.yaml',
    'eks-automode-nodepool-general-purpose.yaml',
  ];
  const describeWithSamples = sharedFixturesAvailable() ? describe : describe.skip;
  describeWithSamples(`with the public samples${SHARED_FIXTURES_NOTE}`, () => {
    it('reads the published Karpenter and EKS Auto Mode NodePools', async () => {
      const documents = (file: string) =>
        parseAllDocuments(readFileSync(join(SHARED_FIXTURES_DIR, file), 'utf8')).map(d => d.toJS());
      const pools = fixtureFiles.flatMap(documents).filter(d => d?.kind === 'NodePool');
      const claims = documents('karpenter-nodeclaim.yaml').filter(d => d?.kind === 'NodeClaim');
      const listing = await listWith(karpenterServer('v1', pools, claims));

      expect(listing.complete).toBe(true);
      expect(listing.issues).toBeUndefined();
      expect(listing.pools.map(p => [p.name, p.capacityType, p.arch, p.nodeCount])).toEqual([
        ['general-purpose', 'on-demand', 'amd64', 0],
        ['spot', 'spot', 'amd64', 0],
        ['general-purpose', 'on-demand', 'amd64', 0],
      ]);
      expect(listing.pools[2].tags).toEqual({ 'app.kubernetes.io/managed-by': 'eks' });
    });
  });
});
