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
import { DoksPoolSource } from './DoksPoolSource';
import { createDoksSources } from './createDoksSources';
import {
  TOKEN,
  CLUSTERS,
  poolsPath,
  cluster,
  nodePool,
} from './__testUtils__/doksApi';

describe('DoksPoolSource', () => {
  let server: ReplayServer;
  let sleeps: number[];

  beforeEach(async () => {
    server = await startReplayServer();
    sleeps = [];
  });

  afterEach(async () => {
    await server.close();
  });

  function source(policy: Record<string, number> = {}) {
    return new DoksPoolSource({
      id: 'do-main',
      token: TOKEN,
      endpoint: server.url,
      policy: { timeoutMs: 2000, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, ...policy },
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
  }

  function serveOneCluster() {
    server.route(CLUSTERS, {
      json: { kubernetes_clusters: [cluster('c-1', 'prod')], links: {}, meta: { total: 1 } },
    });
  }

  it('follows links.pages.next through clusters and node pools', async () => {
    server.route(
      { path: CLUSTERS, query: { page: undefined } },
      {
        json: {
          kubernetes_clusters: [cluster('c-1', 'prod')],
          links: { pages: { next: `${server.url}${CLUSTERS}?page=2&per_page=1` } },
          meta: { total: 2 },
        },
      },
    );
    server.route(
      { path: CLUSTERS, query: { page: '2' } },
      {
        json: {
          kubernetes_clusters: [cluster('c-2', 'staging', 'ams3')],
          links: { pages: { prev: `${server.url}${CLUSTERS}?page=1&per_page=1` } },
          meta: { total: 2 },
        },
      },
    );
    server.route(
      { path: poolsPath('c-1'), query: { page: undefined } },
      {
        json: {
          node_pools: [nodePool('web')],
          links: { pages: { next: `${server.url}${poolsPath('c-1')}?page=2&per_page=1` } },
        },
      },
    );
    server.route(
      { path: poolsPath('c-1'), query: { page: '2' } },
      { json: { node_pools: [nodePool('batch')], links: {} } },
    );
    server.route(poolsPath('c-2'), { json: { node_pools: [nodePool('api')] } });

    const listings = await source().list({});

    expect(listings.map(l => [l.scope, l.complete, l.pools.map(p => p.name)])).toEqual([
      ['doks/nyc1/prod', true, ['web', 'batch']],
      ['doks/ams3/staging', true, ['api']],
    ]);
    expect(listings[0].pools[0]).toMatchObject({
      provider: 'doks',
      cluster: 'prod',
      region: 'nyc1',
      machineTypes: ['s-2vcpu-4gb'],
    });
    expect(server.requests.every(r => !r.unmatched)).toBe(true);
    expect(server.requests.map(r => r.headers.authorization)).toEqual(
      Array(server.requests.length).fill(`Bearer ${TOKEN}`),
    );
    expect(server.requestsTo(CLUSTERS)[0].query).toEqual({ per_page: '200' });
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    server.route(
      CLUSTERS,
      {
        status: 429,
        headers: { 'retry-after': '3' },
        json: { id: 'too_many_requests', message: 'API rate limit exceeded.' },
      },
      { json: { kubernetes_clusters: [cluster('c-1', 'prod')] } },
    );
    server.route(poolsPath('c-1'), { json: { node_pools: [nodePool('web')] } });

    const listings = await source({ maxRetryWaitMs: 10_000 }).list({});

    expect(listings[0].complete).toBe(true);
    expect(server.requestsTo(CLUSTERS)).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it('honours ratelimit-reset, capped by maxRetryWaitMs', async () => {
    const resetInAnHour = Math.floor(Date.now() / 1000) + 3600;
    serveOneCluster();
    server.route(
      poolsPath('c-1'),
      {
        status: 429,
        headers: {
          'ratelimit-limit': '5000',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(resetInAnHour),
        },
        json: { id: 'too_many_requests', message: 'API rate limit exceeded.' },
      },
      { json: { node_pools: [nodePool('web')] } },
    );

    const listings = await source({ maxRetryWaitMs: 250 }).list({});

    expect(listings[0]).toMatchObject({ complete: true });
    expect(sleeps).toEqual([250]);
  });

  it('retries a 500 and lists the cluster completely', async () => {
    serveOneCluster();
    server.route(
      poolsPath('c-1'),
      { status: 500, json: { id: 'server_error', message: 'Server Error' } },
      { json: { node_pools: [nodePool('web'), nodePool('batch')] } },
    );

    const [listing] = await source().list({});

    expect(listing).toMatchObject({ scope: 'doks/nyc1/prod', complete: true });
    expect(listing.pools).toHaveLength(2);
    expect(server.requestsTo(poolsPath('c-1'))).toHaveLength(2);
  });

  it('marks a cluster incomplete when its pools keep failing, and lists the others', async () => {
    server.route(CLUSTERS, {
      json: { kubernetes_clusters: [cluster('c-1', 'prod'), cluster('c-2', 'dev')] },
    });
    server.route(poolsPath('c-1'), {
      status: 500,
      json: { id: 'server_error', message: 'Server Error' },
    });
    server.route(poolsPath('c-2'), { json: { node_pools: [nodePool('web')] } });

    const [failed, ok] = await source().list({});

    expect(failed).toMatchObject({ scope: 'doks/nyc1/prod', complete: false, pools: [] });
    expect(failed.error).toContain('HTTP 500 server_error: Server Error');
    expect(server.requestsTo(poolsPath('c-1'))).toHaveLength(3);
    expect(ok).toMatchObject({ scope: 'doks/nyc1/dev', complete: true });
  });

  it('keeps the pages read before a failing page but marks the cluster incomplete', async () => {
    serveOneCluster();
    server.route(
      { path: poolsPath('c-1'), query: { page: undefined } },
      {
        json: {
          node_pools: [nodePool('web')],
          links: { pages: { next: `${server.url}${poolsPath('c-1')}?page=2` } },
        },
      },
    );
    server.route(
      { path: poolsPath('c-1'), query: { page: '2' } },
      { status: 503, json: { id: 'unavailable', message: 'try later' } },
    );

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['web']);
    expect(listing.error).toContain('page 2');
  });

  it('times out a hung response and marks the cluster incomplete', async () => {
    serveOneCluster();
    server.route(poolsPath('c-1'), { hang: true });

    const [listing] = await source({ timeoutMs: 600, maxAttempts: 2 }).list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toContain('no answer within 600 ms');
    expect(server.requestsTo(poolsPath('c-1'))).toHaveLength(2);
  });

  it('marks a cluster incomplete when the body is cut short', async () => {
    server.route(CLUSTERS, {
      json: { kubernetes_clusters: [cluster('c-1', 'prod'), cluster('c-2', 'dev')] },
    });
    server.route(poolsPath('c-1'), {
      json: { node_pools: [nodePool('web')] },
      truncateBodyAt: 25,
    });
    server.route(poolsPath('c-2'), {
      json: { node_pools: [nodePool('web')] },
      resetAfterBytes: 25,
    });

    const [cut, reset] = await source().list({});

    expect(cut).toMatchObject({ complete: false, pools: [] });
    expect(cut.error).toContain('invalid response');
    expect(reset).toMatchObject({ complete: false, pools: [] });
    expect(reset.error).toContain('network error');
  });

  it('throws a clear authentication error without the token when the cluster list is refused', async () => {
    server.route(CLUSTERS, {
      status: 401,
      json: { id: 'unauthorized', message: `Unable to authenticate you (token ${TOKEN}).` },
    });

    const error = await source()
      .list({})
      .catch(e => e);

    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error.message).toContain('authentication failed (HTTP 401)');
    expect(error.message).not.toContain(TOKEN);
    expect(server.requestsTo(CLUSTERS)).toHaveLength(1);
  });

  it('reports a 403 on one cluster as that scope failing', async () => {
    serveOneCluster();
    server.route(poolsPath('c-1'), {
      status: 403,
      json: { id: 'forbidden', message: 'You do not have access for the attempted action.' },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toMatch(/authentication failed \(HTTP 403\): forbidden/);
    expect(listing.error).not.toContain(TOKEN);
  });

  it('throws when the cluster listing keeps failing', async () => {
    server.route(CLUSTERS, { status: 503, json: { id: 'unavailable', message: 'down' } });

    await expect(source().list({})).rejects.toBeInstanceOf(SourceHttpError);
    expect(server.requestsTo(CLUSTERS)).toHaveLength(3);
  });

  it('throws naming the item and field of a cluster record it cannot scope', async () => {
    server.route(CLUSTERS, {
      json: { kubernetes_clusters: [cluster('c-1', 'prod'), { id: 'c-2', name: 'dev' }] },
    });

    await expect(source().list({})).rejects.toThrow(
      /kubernetes_clusters item 1: field 'region'/,
    );
  });

  it('lists the other pools and reports the index and field of a bad record', async () => {
    serveOneCluster();
    server.route(poolsPath('c-1'), {
      json: {
        node_pools: [nodePool('web'), nodePool('gpu', { count: 'three' }), nodePool('batch')],
      },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['web', 'batch']);
    expect(listing.issues).toEqual([
      expect.objectContaining({ file: 'doks/nyc1/prod', index: 1, field: 'count' }),
    ]);
    expect(listing.error).toContain("item 1: field 'count'");
  });

  it('refuses a next-page link to another host, so the token stays with the API', async () => {
    serveOneCluster();
    server.route(poolsPath('c-1'), {
      json: {
        node_pools: [nodePool('web')],
        links: { pages: { next: 'https://collector.example.com/steal?page=2' } },
      },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toContain('points to https://collector.example.com');
  });

  it('stops when the caller aborts', async () => {
    server.route(CLUSTERS, { hang: true });
    const controller = new AbortController();

    const listing = source({ timeoutMs: 60_000 }).list({ signal: controller.signal });
    controller.abort();

    await expect(listing).rejects.toThrow('aborted');
  });
});

describe('createDoksSources', () => {
  it('makes one source per config block and never shows the token', () => {
    const config = new ConfigReader({
      nodepools: {
        sources: {
          doks: [
            { id: 'do-a', token: TOKEN },
            { id: 'do-b', token: 'other-token', endpoint: 'http://127.0.0.1:9', allowInsecureHttp: true, concurrency: 2 },
          ],
        },
      },
    });

    const sources = createDoksSources(config, { logger: mockServices.logger.mock() });

    expect(sources.map(s => [s.id, s.kind, s.target])).toEqual([
      ['do-a', 'doks', 'DigitalOcean Kubernetes clusters'],
      ['do-b', 'doks', 'DigitalOcean Kubernetes clusters at http://127.0.0.1:9'],
    ]);
    expect(JSON.stringify(sources)).not.toContain(TOKEN);
  });

  it('names the block and key of a missing token', () => {
    const config = new ConfigReader({ nodepools: { sources: { doks: [{ id: 'do-a' }] } } });

    expect(() => createDoksSources(config, { logger: mockServices.logger.mock() })).toThrow(
      "Missing required config value at 'nodepools.sources.doks[0].token'",
    );
  });
});

const describeWithSamples = sharedFixturesAvailable() ? describe : describe.skip;

describeWithSamples(`DoksPoolSource with the public DigitalOcean samples${SHARED_FIXTURES_NOTE}`, () => {
  it('reads the documented node_pools answer after the documented 429', async () => {
    const server = await startReplayServer();
    try {
      const tooMany = readSharedFixture<{
        status: number;
        headers: Record<string, string>;
        body: unknown;
      }>('doks-error-429.json');
      server.route(CLUSTERS, {
        json: { kubernetes_clusters: [cluster('bd5f5959-5e1e-4205-a714-a914373942af', 'prod')] },
      });
      server.route(
        poolsPath('bd5f5959-5e1e-4205-a714-a914373942af'),
        { status: tooMany.status, headers: tooMany.headers, json: tooMany.body },
        { json: readSharedFixture('doks-node-pools-list.json') },
      );
      const sleeps: number[] = [];

      const [listing] = await new DoksPoolSource({
        id: 'do',
        token: TOKEN,
        endpoint: server.url,
        policy: { baseDelayMs: 1, maxDelayMs: 1 },
        sleep: async ms => {
          sleeps.push(ms);
        },
      }).list({});

      expect(listing).toMatchObject({ scope: 'doks/nyc1/prod', complete: true });
      expect(listing.pools.map(p => [p.name, p.nodeCount, p.autoscaling])).toEqual([
        ['frontend-pool', 3, expect.objectContaining({ enabled: false })],
        ['backend-pool', 2, { enabled: true, min: 2, max: 5 }],
      ]);
      // The sample's reset time is long past: an ordinary backoff step, not a wait.
      expect(sleeps).toHaveLength(1);
      expect(sleeps[0]).toBeLessThanOrEqual(1);
    } finally {
      await server.close();
    }
  });
});
