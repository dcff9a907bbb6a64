import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  SHARED_FIXTURES_NOTE,
  sharedFixturesAvailable,
  readSharedFixture,
  startReplayServer,
  type ReplayServer,
} from '../testing';
import { SourceAuthError, SourceHttpError } from '../http';
import { EksPoolSource } from './EksPoolSource';
import { createEksSources } from './createEksSources';
import {
  ACCOUNT,
  SECRET_ACCESS_KEY,
  CREDENTIALS,
  poolsPath,
  describePath,
  inRegion,
  nodegroup,
} from './__testUtils__/eksApi';

describe('EksPoolSource', () => {
  let server: ReplayServer;
  let sleeps: number[];

  beforeEach(async () => {
    server = await startReplayServer();
    sleeps = [];
  });

  afterEach(async () => {
    await server.close();
  });

  function source(
    options: { policy?: Record<string, number>; regions?: string[]; clusters?: string[] } = {},
  ) {
    return new EksPoolSource({
      id: 'aws-prod',
      accountId: ACCOUNT,
      regions: options.regions ?? ['us-east-1'],
      clusters: options.clusters,
      endpoint: server.url,
      credentials: CREDENTIALS,
      policy: {
        timeoutMs: 2000,
        maxAttempts: 3,
        baseDelayMs: 1,
        maxDelayMs: 5,
        ...options.policy,
      },
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
  }

  function serveCluster(cluster: string, names: string[]) {
    server.route(poolsPath(cluster), { json: { nodegroups: names } });
    for (const name of names) {
      server.route(describePath(cluster, name), { json: { nodegroup: nodegroup(cluster, name) } });
    }
  }

  it('pages clusters and node groups by nextToken and describes every group', async () => {
    server.route(
      { path: '/clusters', query: { nextToken: undefined } },
      { json: { clusters: ['prod'], nextToken: 'clusters-2' } },
    );
    server.route(
      { path: '/clusters', query: { nextToken: 'clusters-2' } },
      { json: { clusters: ['staging'] } },
    );
    server.route(
      { path: poolsPath('prod'), query: { nextToken: undefined } },
      { json: { nodegroups: ['general', 'spot'], nextToken: 'ng-2' } },
    );
    server.route(
      { path: poolsPath('prod'), query: { nextToken: 'ng-2' } },
      { json: { nodegroups: ['system'] } },
    );
    server.route(describePath('prod', 'general'), {
      json: { nodegroup: nodegroup('prod', 'general') },
    });
    server.route(describePath('prod', 'spot'), {
      json: {
        nodegroup: nodegroup('prod', 'spot', {
          capacityType: 'SPOT',
          taints: [{ key: 'spot', value: 'true', effect: 'NO_SCHEDULE' }],
        }),
      },
    });
    server.route(describePath('prod', 'system'), {
      json: {
        nodegroup: nodegroup('prod', 'system', {
          taints: [{ key: 'CriticalAddonsOnly', effect: 'NO_SCHEDULE' }],
        }),
      },
    });
    serveCluster('staging', ['general']);

    const listings = await source().list({});

    expect(listings.map(l => [l.scope, l.complete, l.pools.map(p => p.name)])).toEqual([
      [`eks/${ACCOUNT}/us-east-1/prod`, true, ['general', 'spot', 'system']],
      [`eks/${ACCOUNT}/us-east-1/staging`, true, ['general']],
    ]);
    const [general, spot, system] = listings[0].pools;
    expect(general).toMatchObject({
      provider: 'eks',
      account: ACCOUNT,
      region: 'us-east-1',
      cluster: 'prod',
      nodeCount: 2,
      autoscaling: { enabled: true, min: 1, max: 4 },
    });
    expect(spot.taints).toEqual([{ key: 'spot', value: 'true', effect: 'NoSchedule' }]);
    expect(system.mode).toBe('system');
    // The SDK turns timestamps into dates; the stored record has them as ISO text.
    expect(general.raw).toMatchObject({ createdAt: '2024-11-14T16:00:00.123Z' });
    expect(server.requests.every(r => !r.unmatched)).toBe(true);
    expect(server.requestsTo('/clusters')[0].query).toEqual({ maxResults: '100' });
  });

  it('lists every configured region and keeps only the configured clusters', async () => {
    server.route(
      { path: '/clusters', match: inRegion('us-east-1') },
      { json: { clusters: ['prod', 'scratch'] } },
    );
    server.route(
      { path: '/clusters', match: inRegion('eu-west-1') },
      { json: { clusters: ['prod-eu'] } },
    );
    serveCluster('prod', ['general']);
    serveCluster('prod-eu', ['general']);

    const listings = await source({
      regions: ['us-east-1', 'eu-west-1'],
      clusters: ['prod', 'prod-eu'],
    }).list({});

    expect(listings.map(l => [l.scope, l.complete])).toEqual([
      [`eks/${ACCOUNT}/us-east-1/prod`, true],
      [`eks/${ACCOUNT}/eu-west-1/prod-eu`, true],
    ]);
    expect(server.requestsTo(poolsPath('scratch'))).toHaveLength(0);
  });

  it('waits what Retry-After asks after a throttled call, then succeeds', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: ['general'] } });
    server.route(
      describePath('prod', 'general'),
      {
        status: 429,
        headers: { 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '4' },
        json: { message: 'Rate exceeded' },
      },
      { json: { nodegroup: nodegroup('prod', 'general') } },
    );

    const [listing] = await source().list({});

    expect(listing.complete).toBe(true);
    expect(sleeps).toEqual([4000]);
    expect(server.requestsTo(describePath('prod', 'general'))).toHaveLength(2);
  });

  it('retries a 500 and lists the cluster completely', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(
      poolsPath('prod'),
      {
        status: 500,
        headers: { 'x-amzn-errortype': 'ServerException' },
        json: { message: 'Internal failure' },
      },
      { json: { nodegroups: ['general'] } },
    );
    server.route(describePath('prod', 'general'), {
      json: { nodegroup: nodegroup('prod', 'general') },
    });

    const [listing] = await source().list({});

    expect(listing).toMatchObject({ complete: true });
    expect(server.requestsTo(poolsPath('prod'))).toHaveLength(2);
  });

  it('marks a cluster incomplete when a description keeps failing, keeping the others', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: ['general', 'gpu'] } });
    server.route(describePath('prod', 'general'), {
      json: { nodegroup: nodegroup('prod', 'general') },
    });
    server.route(describePath('prod', 'gpu'), {
      status: 500,
      headers: { 'x-amzn-errortype': 'ServerException' },
      json: { message: 'Internal failure' },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['general']);
    expect(listing.error).toContain('DescribeNodegroup us-east-1/prod/gpu: HTTP 500 ServerException');
    expect(server.requestsTo(describePath('prod', 'gpu'))).toHaveLength(3);
  });

  it('marks a cluster incomplete when its node group listing fails, and lists the others', async () => {
    server.route('/clusters', { json: { clusters: ['prod', 'dev'] } });
    server.route(poolsPath('prod'), {
      status: 503,
      headers: { 'x-amzn-errortype': 'ServiceUnavailableException' },
      json: { message: 'down' },
    });
    serveCluster('dev', ['general']);

    const [failed, ok] = await source().list({});

    expect(failed).toMatchObject({ complete: false, pools: [] });
    expect(failed.error).toContain('ListNodegroups us-east-1/prod (page 1): HTTP 503');
    expect(ok).toMatchObject({ complete: true });
  });

  it('treats a group deleted between listing and description as gone', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: ['general', 'old'] } });
    server.route(describePath('prod', 'general'), {
      json: { nodegroup: nodegroup('prod', 'general') },
    });
    server.route(describePath('prod', 'old'), {
      status: 404,
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
      json: { message: 'No node group found for name: old.' },
    });

    const [listing] = await source().list({});

    expect(listing).toMatchObject({ complete: true });
    expect(listing.pools.map(p => p.name)).toEqual(['general']);
  });

  it('takes a 404 for a deleted group only when EKS says ResourceNotFoundException', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: ['general', 'old'] } });
    server.route(describePath('prod', 'general'), {
      json: { nodegroup: nodegroup('prod', 'general') },
    });
    // A proxy or a wrong endpoint answering 404: nothing says the group is gone.
    server.route(describePath('prod', 'old'), {
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Not Found</body></html>',
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['general']);
    expect(listing.error).toContain('DescribeNodegroup us-east-1/prod/old: HTTP 404');
  });

  it('times out a hung response and marks the cluster incomplete', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { hang: true });

    const [listing] = await source({ policy: { timeoutMs: 600, maxAttempts: 2 } }).list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toContain('no answer within 600 ms');
    expect(server.requestsTo(poolsPath('prod'))).toHaveLength(2);
  });

  it('marks a cluster incomplete when a body is cut short', async () => {
    server.route('/clusters', { json: { clusters: ['prod', 'dev'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: ['general'] }, truncateBodyAt: 12 });
    server.route(poolsPath('dev'), { json: { nodegroups: ['general'] } });
    server.route(describePath('dev', 'general'), {
      json: { nodegroup: nodegroup('dev', 'general') },
      resetAfterBytes: 30,
    });

    const [cut, reset] = await source().list({});

    expect(cut).toMatchObject({ complete: false, pools: [] });
    expect(cut.error).toContain('invalid response');
    expect(reset).toMatchObject({ complete: false, pools: [] });
  });

  it('throws a clear authentication error without the secret key when the account is refused', async () => {
    server.route('/clusters', {
      status: 403,
      headers: { 'x-amzn-errortype': 'AccessDeniedException' },
      json: {
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/reader is not authorized to perform: eks:ListClusters`,
      },
    });

    const error = await source()
      .list({})
      .catch(e => e);

    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error.message).toContain(
      'ListClusters us-east-1 (page 1): authentication failed (HTTP 403): AccessDeniedException',
    );
    expect(error.message).not.toContain(SECRET_ACCESS_KEY);
    expect(server.requestsTo('/clusters')).toHaveLength(1);
  });

  it('reports rejected keys (401) as an auth error on the cluster', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), {
      status: 401,
      headers: { 'x-amzn-errortype': 'UnrecognizedClientException' },
      json: { message: 'The security token included in the request is invalid.' },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toContain('authentication failed (HTTP 401): UnrecognizedClientException');
    expect(listing.error).not.toContain(SECRET_ACCESS_KEY);
  });

  it('throws when a region cannot list its clusters', async () => {
    server.route(
      { path: '/clusters', match: inRegion('us-east-1') },
      { json: { clusters: ['prod'] } },
    );
    server.route(
      { path: '/clusters', match: inRegion('eu-west-1') },
      { status: 500, headers: { 'x-amzn-errortype': 'ServerException' }, json: { message: 'x' } },
    );
    serveCluster('prod', ['general']);

    await expect(
      source({ regions: ['us-east-1', 'eu-west-1'] }).list({}),
    ).rejects.toBeInstanceOf(SourceHttpError);
  });

  it('lists the other groups and reports the index and field of a bad record', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: ['general', 'tainted', 'batch'] } });
    server.route(describePath('prod', 'general'), {
      json: { nodegroup: nodegroup('prod', 'general') },
    });
    server.route(describePath('prod', 'tainted'), {
      // EKS spells effects NO_SCHEDULE: the Kubernetes spelling is a bad record.
      json: { nodegroup: nodegroup('prod', 'tainted', { taints: [{ key: 'k', effect: 'NoSchedule' }] }) },
    });
    server.route(describePath('prod', 'batch'), {
      json: { nodegroup: nodegroup('prod', 'batch') },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['general', 'batch']);
    expect(listing.issues).toEqual([
      expect.objectContaining({
        file: `eks/${ACCOUNT}/us-east-1/prod`,
        index: 1,
        field: 'taints[0].effect',
      }),
    ]);
  });

  it('imports a group with a capacity type it does not know yet, with a warning, and stays complete', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: ['reserved'] } });
    server.route(describePath('prod', 'reserved'), {
      json: { nodegroup: nodegroup('prod', 'reserved', { capacityType: 'RESERVED_FUTURE' }) },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(true);
    expect(listing.error).toBeUndefined();
    expect(listing.pools.map(p => p.name)).toEqual(['reserved']);
    expect(listing.issues).toEqual([
      expect.objectContaining({
        file: `eks/${ACCOUNT}/us-east-1/prod`,
        index: 0,
        field: 'capacityType',
        severity: 'warning',
      }),
    ]);
  });

  it('stops at a nextToken that repeats instead of looping', async () => {
    server.route('/clusters', { json: { clusters: ['prod'] } });
    server.route(poolsPath('prod'), { json: { nodegroups: [], nextToken: 'same' } });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toContain('nextToken repeats an earlier page');
    expect(server.requestsTo(poolsPath('prod'))).toHaveLength(2);
  });
});

describe('createEksSources', () => {
  const logger = mockServices.logger.mock();

  it('makes one source per block, taking the account from the role when not given', () => {
    const config = new ConfigReader({
      nodepools: {
        sources: {
          eks: [
            {
              id: 'aws-prod',
              regions: ['us-east-1', 'eu-west-1'],
              roleArn: 'arn:aws:iam::444455556666:role/backstage-nodepools',
              externalId: 'ext-123',
            },
            { id: 'aws-dev', accountId: ACCOUNT, regions: ['us-west-2'], concurrency: 4 },
            { id: 'aws-local', regions: ['us-east-1'] },
          ],
        },
      },
    });

    const sources = createEksSources(config, { logger });

    expect(sources.map(s => [s.id, s.kind, s.target])).toEqual([
      ['aws-prod', 'eks', 'AWS account 444455556666 in us-east-1, eu-west-1'],
      ['aws-dev', 'eks', `AWS account ${ACCOUNT} in us-west-2`],
      ['aws-local', 'eks', 'AWS account (default credentials) in us-east-1'],
    ]);
  });

  it('names the block and key of missing regions', () => {
    const config = new ConfigReader({ nodepools: { sources: { eks: [{ id: 'aws' }] } } });

    expect(() => createEksSources(config, { logger })).toThrow(
      "Missing required config value at 'nodepools.sources.eks[0].regions'",
    );
  });
});

/**
 * The samples are `aws eks` CLI output, which prints timestamps as ISO text;
 * the API itself sends epoch seconds, which is what the SDK parses.
 */
function asApiWireShape(record: Record<string, unknown>): Record<string, unknown> {
  const wire = { ...record };
  for (const key of ['createdAt', 'modifiedAt']) {
    if (typeof wire[key] === 'string') wire[key] = Date.parse(wire[key] as string) / 1000;
  }
  return wire;
}

const describeWithSamples = sharedFixturesAvailable() ? describe : describe.skip;

describeWithSamples(`EksPoolSource with the public EKS samples${SHARED_FIXTURES_NOTE}`, () => {
  it('reads the documented list-nodegroups and describe-nodegroup answers through the SDK', async () => {
    const server = await startReplayServer();
    try {
      const listed = readSharedFixture<{ nodegroups: string[] }>('eks-list-nodegroups.json');
      const described = readSharedFixture<{ nodegroup: Record<string, unknown> }>(
        'eks-describe-nodegroup.json',
      );
      const spot = readSharedFixture<{ nodegroup: Record<string, unknown> }>(
        'eks-create-nodegroup-spot-tainted.json',
      );
      server.route('/clusters', { json: { clusters: ['my-eks-cluster'] } });
      server.route(poolsPath('my-eks-cluster'), { json: listed });
      server.route(describePath('my-eks-cluster', 'my-eks-nodegroup'), {
        json: { nodegroup: asApiWireShape(described.nodegroup) },
      });
      // The list names a second group the samples do not describe; the Spot sample stands in for it.
      server.route(describePath('my-eks-cluster', 'my-eks-managed-node-group'), {
        json: {
          nodegroup: asApiWireShape({
            ...spot.nodegroup,
            nodegroupName: 'my-eks-managed-node-group',
          }),
        },
      });

      const [listing] = await new EksPoolSource({
        id: 'aws',
        regions: ['us-east-2'],
        endpoint: server.url,
        credentials: CREDENTIALS,
      }).list({});

      expect(listing).toMatchObject({ scope: 'eks/-/us-east-2/my-eks-cluster', complete: true });
      expect(
        listing.pools.map(p => [p.name, p.account, p.capacityType, p.nodeCount, p.taints]),
      ).toEqual([
        [
          'my-eks-managed-node-group',
          '111122223333',
          'spot',
          4,
          [{ key: 'taint-key-1', value: 'taint-value-1', effect: 'NoExecute' }],
        ],
        ['my-eks-nodegroup', '111122223333', 'on-demand', 1, []],
      ]);
    } finally {
      await server.close();
    }
  });
});
