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
import { AksPoolSource } from './AksPoolSource';
import { createAksSources } from './createAksSources';
import {
  SUBSCRIPTION,
  ARM_TOKEN,
  CLIENT_SECRET,
  CLUSTERS,
  poolsPath,
  credential,
  managedCluster,
  agentPool,
} from './__testUtils__/aksApi';

describe('AksPoolSource', () => {
  let server: ReplayServer;
  let sleeps: number[];

  beforeEach(async () => {
    server = await startReplayServer({ tls: true });
    sleeps = [];
  });

  afterEach(async () => {
    await server.close();
  });

  function source(policy: Record<string, number> = {}) {
    return new AksPoolSource({
      id: 'azure-prod',
      subscriptionId: SUBSCRIPTION,
      credential,
      endpoint: server.url,
      clientOptions: { tlsOptions: { ca: server.ca } },
      secrets: [CLIENT_SECRET],
      policy: { timeoutMs: 2000, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, ...policy },
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
  }

  function serveOneCluster() {
    server.route(CLUSTERS, { json: { value: [managedCluster('prod')] } });
  }

  it('pages clusters and agent pools by nextLink, with the bearer token and api-version', async () => {
    server.route(
      { path: CLUSTERS, query: { $skipToken: undefined } },
      {
        json: {
          value: [managedCluster('prod')],
          nextLink: `${server.url}${CLUSTERS}?api-version=2026-04-01&$skipToken=c2`,
        },
      },
    );
    server.route(
      { path: CLUSTERS, query: { $skipToken: 'c2' } },
      { json: { value: [managedCluster('dev', 'rg-dev', 'eastus2')] } },
    );
    server.route(
      { path: poolsPath('rg1', 'prod'), query: { $skipToken: undefined } },
      {
        json: {
          value: [agentPool('prod', 'system', { mode: 'System' })],
          nextLink: `${server.url}${poolsPath('rg1', 'prod')}?api-version=2026-04-01&$skipToken=p2`,
        },
      },
    );
    server.route(
      { path: poolsPath('rg1', 'prod'), query: { $skipToken: 'p2' } },
      {
        json: {
          value: [
            agentPool('prod', 'spot', {
              scaleSetPriority: 'Spot',
              nodeTaints: ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule'],
            }),
          ],
        },
      },
    );
    server.route(poolsPath('rg-dev', 'dev'), {
      json: { value: [agentPool('dev', 'nodepool1', {}, 'rg-dev')] },
    });

    const listings = await source().list({});

    expect(listings.map(l => [l.scope, l.complete, l.pools.map(p => p.name)])).toEqual([
      [`aks/${SUBSCRIPTION}/rg1/prod`, true, ['system', 'spot']],
      [`aks/${SUBSCRIPTION}/rg-dev/dev`, true, ['nodepool1']],
    ]);
    expect(listings[0].pools[1]).toMatchObject({
      provider: 'aks',
      account: SUBSCRIPTION,
      region: 'westeurope',
      cluster: 'prod',
      capacityType: 'spot',
      machineTypes: ['Standard_D4s_v5'],
    });
    expect(server.requests.every(r => !r.unmatched)).toBe(true);
    expect(server.requests.every(r => r.headers.authorization === `Bearer ${ARM_TOKEN}`)).toBe(
      true,
    );
    expect(server.requests.every(r => r.query['api-version'])).toBe(true);
  });

  it('reads the only pool of a completely listed cluster as its system pool', async () => {
    serveOneCluster();
    const { mode: _omitted, ...withoutMode } = agentPool('prod', 'agentpool').properties;
    server.route(poolsPath('rg1', 'prod'), {
      json: { value: [{ ...agentPool('prod', 'agentpool'), properties: withoutMode }] },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(true);
    expect(listing.pools[0].mode).toBe('system');
  });

  it('waits what Retry-After asks after a 429, then succeeds', async () => {
    serveOneCluster();
    server.route(
      poolsPath('rg1', 'prod'),
      {
        status: 429,
        headers: { 'retry-after': '7' },
        json: { error: { code: 'TooManyRequests', message: 'Throttled' } },
      },
      { json: { value: [agentPool('prod', 'user1')] } },
    );

    const [listing] = await source({ maxRetryWaitMs: 60_000 }).list({});

    expect(listing.complete).toBe(true);
    expect(sleeps).toEqual([7000]);
    expect(server.requestsTo(poolsPath('rg1', 'prod'))).toHaveLength(2);
  });

  it('retries a 500 and lists the cluster completely', async () => {
    serveOneCluster();
    server.route(
      poolsPath('rg1', 'prod'),
      { status: 500, json: { error: { code: 'InternalServerError', message: 'oops' } } },
      { json: { value: [agentPool('prod', 'user1')] } },
    );

    const [listing] = await source().list({});

    expect(listing).toMatchObject({ complete: true });
    expect(listing.pools.map(p => p.name)).toEqual(['user1']);
  });

  it('marks a cluster incomplete when its pools keep failing, and lists the others', async () => {
    server.route(CLUSTERS, {
      json: { value: [managedCluster('prod'), managedCluster('dev')] },
    });
    server.route(poolsPath('rg1', 'prod'), {
      status: 500,
      json: { error: { code: 'InternalServerError', message: 'oops' } },
    });
    server.route(poolsPath('rg1', 'dev'), { json: { value: [agentPool('dev', 'user1')] } });

    const [failed, ok] = await source().list({});

    expect(failed).toMatchObject({ complete: false, pools: [] });
    expect(failed.error).toContain('HTTP 500 InternalServerError');
    expect(server.requestsTo(poolsPath('rg1', 'prod'))).toHaveLength(3);
    expect(ok).toMatchObject({ complete: true });
  });

  it('keeps the first page when the second fails, and does not guess the system pool', async () => {
    serveOneCluster();
    const { mode: _omitted, ...withoutMode } = agentPool('prod', 'agentpool').properties;
    server.route(
      { path: poolsPath('rg1', 'prod'), query: { $skipToken: undefined } },
      {
        json: {
          value: [{ ...agentPool('prod', 'agentpool'), properties: withoutMode }],
          nextLink: `${server.url}${poolsPath('rg1', 'prod')}?api-version=2026-04-01&$skipToken=p2`,
        },
      },
    );
    server.route(
      { path: poolsPath('rg1', 'prod'), query: { $skipToken: 'p2' } },
      { status: 503, json: { error: { code: 'ServiceUnavailable', message: 'later' } } },
    );

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => [p.name, p.mode])).toEqual([['agentpool', 'user']]);
    expect(listing.error).toContain('(page 2)');
  });

  it('times out a hung page and marks the cluster incomplete', async () => {
    serveOneCluster();
    server.route(poolsPath('rg1', 'prod'), { hang: true });

    const [listing] = await source({ timeoutMs: 600, maxAttempts: 2 }).list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toContain('no answer within 600 ms');
  });

  it('times out a hung page after the first, which the SDK fetches without the signal', async () => {
    serveOneCluster();
    server.route(
      { path: poolsPath('rg1', 'prod'), query: { $skipToken: undefined } },
      {
        json: {
          value: [agentPool('prod', 'user1')],
          nextLink: `${server.url}${poolsPath('rg1', 'prod')}?api-version=2026-04-01&$skipToken=p2`,
        },
      },
    );
    server.route({ path: poolsPath('rg1', 'prod'), query: { $skipToken: 'p2' } }, { hang: true });

    const [listing] = await source({ timeoutMs: 600, maxAttempts: 1 }).list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['user1']);
    expect(listing.error).toContain('no answer within 600 ms');
  });

  it('marks a cluster incomplete when the body is cut short', async () => {
    server.route(CLUSTERS, {
      json: { value: [managedCluster('prod'), managedCluster('dev')] },
    });
    server.route(poolsPath('rg1', 'prod'), {
      json: { value: [agentPool('prod', 'user1')] },
      truncateBodyAt: 40,
    });
    server.route(poolsPath('rg1', 'dev'), {
      json: { value: [agentPool('dev', 'user1')] },
      resetAfterBytes: 40,
    });

    const [cut, reset] = await source().list({});

    expect(cut).toMatchObject({ complete: false, pools: [] });
    expect(cut.error).toContain('invalid response');
    expect(reset).toMatchObject({ complete: false, pools: [] });
  });

  it('throws a clear authentication error when the cluster list is refused', async () => {
    server.route(CLUSTERS, {
      status: 403,
      json: {
        error: {
          code: 'AuthorizationFailed',
          message: `The client does not have authorization (secret ${CLIENT_SECRET}).`,
        },
      },
    });

    const error = await source()
      .list({})
      .catch(e => e);

    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error.message).toContain('authentication failed (HTTP 403): AuthorizationFailed');
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(error.message).not.toContain(ARM_TOKEN);
  });

  it('reports a credential that yields no token as an auth error', async () => {
    const broken = new AksPoolSource({
      id: 'azure',
      subscriptionId: SUBSCRIPTION,
      credential: {
        getToken: async () => {
          const error = new Error(`AADSTS7000215: Invalid client secret ${CLIENT_SECRET}`);
          error.name = 'AuthenticationError';
          throw error;
        },
      },
      endpoint: server.url,
      clientOptions: { tlsOptions: { ca: server.ca } },
      secrets: [CLIENT_SECRET],
    });

    const error = await broken.list({}).catch(e => e);

    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error.message).toContain('AADSTS7000215');
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(server.requests).toHaveLength(0);
  });

  it('throws when the cluster listing keeps failing', async () => {
    server.route(CLUSTERS, {
      status: 503,
      json: { error: { code: 'ServiceUnavailable', message: 'later' } },
    });

    await expect(source().list({})).rejects.toBeInstanceOf(SourceHttpError);
    expect(server.requestsTo(CLUSTERS)).toHaveLength(3);
  });

  it('lists the other pools and reports the index and field of a bad record', async () => {
    serveOneCluster();
    server.route(poolsPath('rg1', 'prod'), {
      json: {
        value: [
          agentPool('prod', 'system', { mode: 'System' }),
          agentPool('prod', 'gpu', { nodeTaints: ['sku=gpu'] }),
          agentPool('prod', 'user1'),
        ],
      },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['system', 'user1']);
    expect(listing.issues).toEqual([
      expect.objectContaining({
        file: `aks/${SUBSCRIPTION}/rg1/prod`,
        index: 1,
        field: 'nodeTaints[0]',
      }),
    ]);
  });

  it('refuses a nextLink to another host, so the token stays with ARM', async () => {
    serveOneCluster();
    server.route(poolsPath('rg1', 'prod'), {
      json: {
        value: [agentPool('prod', 'user1')],
        nextLink: 'https://collector.example.com/agentPools?$skipToken=x',
      },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['user1']);
    expect(listing.error).toContain("'nextLink' points to https://collector.example.com");
    expect(server.requests).toHaveLength(2);
  });
});

describe('createAksSources', () => {
  const logger = mockServices.logger.mock();

  it('makes one source per block, with a client secret or the default chain', () => {
    const config = new ConfigReader({
      nodepools: {
        sources: {
          aks: [
            {
              id: 'azure-a',
              subscriptionId: SUBSCRIPTION,
              tenantId: 'tenant',
              clientId: 'client',
              clientSecret: CLIENT_SECRET,
            },
            { id: 'azure-b', subscriptionId: '11111111-1111-1111-1111-111111111111' },
          ],
        },
      },
    });

    const sources = createAksSources(config, { logger });

    expect(sources.map(s => [s.id, s.kind, s.target])).toEqual([
      ['azure-a', 'aks', `Azure subscription ${SUBSCRIPTION}`],
      ['azure-b', 'aks', 'Azure subscription 11111111-1111-1111-1111-111111111111'],
    ]);
  });

  it('refuses half a client-secret setup', () => {
    const config = new ConfigReader({
      nodepools: {
        sources: { aks: [{ id: 'azure', subscriptionId: SUBSCRIPTION, clientId: 'client' }] },
      },
    });

    expect(() => createAksSources(config, { logger })).toThrow(
      "AKS source 'azure': tenantId, clientId and clientSecret must be set together",
    );
  });
});

const describeWithSamples = sharedFixturesAvailable() ? describe : describe.skip;

describeWithSamples(`AksPoolSource with the public Azure samples${SHARED_FIXTURES_NOTE}`, () => {
  it('reads the documented AgentPools_List and Spot pool bodies through the SDK', async () => {
    const server = await startReplayServer({ tls: true });
    try {
      const list = readSharedFixture<{ value: unknown[] }>('aks-agentpools-list.json');
      const spot = readSharedFixture('aks-agentpool-spot.json');
      server.route(CLUSTERS, { json: { value: [managedCluster('clustername1')] } });
      server.route(poolsPath('rg1', 'clustername1'), {
        json: { value: [...list.value, { ...(spot as object), name: 'spotpool' }] },
      });

      const [listing] = await new AksPoolSource({
        id: 'azure',
        subscriptionId: SUBSCRIPTION,
        credential,
        endpoint: server.url,
        clientOptions: { tlsOptions: { ca: server.ca } },
      }).list({});

      expect(listing).toMatchObject({
        scope: `aks/${SUBSCRIPTION}/rg1/clustername1`,
        complete: true,
      });
      expect(
        listing.pools.map(p => [p.name, p.nodeCount, p.capacityType, p.region, p.kubernetesVersion]),
      ).toEqual([
        ['agentpool1', 3, 'on-demand', 'westeurope', '1.9.6'],
        ['spotpool', 3, 'spot', 'westeurope', '1.9.6'],
      ]);
      expect(listing.pools[1].taints).toEqual(
        expect.arrayContaining([{ key: 'Key1', value: 'Value1', effect: 'NoSchedule' }]),
      );
    } finally {
      await server.close();
    }
  });
});
