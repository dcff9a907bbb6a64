import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  SHARED_FIXTURES_NOTE,
  sharedFixturesAvailable,
  readSharedFixture,
  startReplayServer,
  type ReplayServer,
} from '../testing';
import { SourceAuthError, SourceResponseError } from '../http';
import { GkePoolSource, regionOfLocation } from './GkePoolSource';
import { createGkeSources } from './createGkeSources';
import {
  TOKEN,
  clustersPath,
  poolsPath,
  cluster,
  nodePool,
} from './__testUtils__/gkeApi';

describe('regionOfLocation', () => {
  it('maps zones to their region and keeps regions', () => {
    expect(regionOfLocation('us-central1-a')).toBe('us-central1');
    expect(regionOfLocation('europe-west4')).toBe('europe-west4');
    expect(regionOfLocation('northamerica-northeast2-b')).toBe('northamerica-northeast2');
  });
});

describe('GkePoolSource', () => {
  let server: ReplayServer;
  let sleeps: number[];
  let tokenCalls: number;

  beforeEach(async () => {
    server = await startReplayServer();
    sleeps = [];
    tokenCalls = 0;
  });

  afterEach(async () => {
    await server.close();
  });

  function source(policy: Record<string, number> = {}, projects = ['proj-a']) {
    return new GkePoolSource({
      id: 'gcp',
      projects,
      endpoint: server.url,
      getAccessToken: async () => {
        tokenCalls += 1;
        return TOKEN;
      },
      policy: { timeoutMs: 2000, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, ...policy },
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
  }

  function serveOneCluster() {
    server.route(clustersPath('proj-a'), { json: { clusters: [cluster('prod', 'us-central1')] } });
  }

  it('lists zonal and regional clusters of every project with a bearer token', async () => {
    server.route(clustersPath('proj-a'), {
      json: { clusters: [cluster('prod', 'us-central1'), cluster('edge', 'europe-west4-b')] },
    });
    server.route(clustersPath('proj-b'), { json: {} });
    server.route(poolsPath('proj-a', 'us-central1', 'prod'), {
      json: {
        nodePools: [
          nodePool('proj-a', 'us-central1', 'prod', 'default-pool'),
          nodePool('proj-a', 'us-central1', 'prod', 'spot', {
            config: { machineType: 'n2-standard-8', spot: true },
          }),
        ],
      },
    });
    server.route(poolsPath('proj-a', 'europe-west4-b', 'edge'), {
      json: {
        nodePools: [
          nodePool('proj-a', 'europe-west4-b', 'edge', 'default-pool', {
            locations: ['europe-west4-b'],
          }),
        ],
      },
    });

    const listings = await source({}, ['proj-a', 'proj-b']).list({});

    expect(listings.map(l => [l.scope, l.complete, l.pools.map(p => p.name)])).toEqual([
      ['gke/proj-a/us-central1/prod', true, ['default-pool', 'spot']],
      ['gke/proj-a/europe-west4-b/edge', true, ['default-pool']],
    ]);
    expect(listings[1].pools[0]).toMatchObject({
      provider: 'gke',
      account: 'proj-a',
      region: 'europe-west4',
      cluster: 'edge',
      zones: ['europe-west4-b'],
    });
    expect(listings[0].pools[1].capacityType).toBe('spot');
    expect(server.requests.every(r => !r.unmatched)).toBe(true);
    expect(server.requests.every(r => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(tokenCalls).toBe(server.requests.length);
  });

  it('waits what Retry-After asks after a 429, then succeeds', async () => {
    serveOneCluster();
    server.route(
      poolsPath('proj-a', 'us-central1', 'prod'),
      {
        status: 429,
        headers: { 'retry-after': '2' },
        json: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      },
      { json: { nodePools: [nodePool('proj-a', 'us-central1', 'prod', 'default-pool')] } },
    );

    const [listing] = await source().list({});

    expect(listing.complete).toBe(true);
    expect(sleeps).toEqual([2000]);
  });

  it('retries a 500 on the cluster listing and succeeds', async () => {
    server.route(
      clustersPath('proj-a'),
      { status: 500, json: { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } } },
      { json: { clusters: [cluster('prod', 'us-central1')] } },
    );
    server.route(poolsPath('proj-a', 'us-central1', 'prod'), { json: { nodePools: [] } });

    const [listing] = await source().list({});

    expect(listing).toEqual({ scope: 'gke/proj-a/us-central1/prod', complete: true, pools: [] });
    expect(server.requestsTo(clustersPath('proj-a'))).toHaveLength(2);
  });

  it('marks a cluster incomplete when its pools keep failing, and lists the others', async () => {
    server.route(clustersPath('proj-a'), {
      json: { clusters: [cluster('prod', 'us-central1'), cluster('dev', 'us-east1-c')] },
    });
    server.route(poolsPath('proj-a', 'us-central1', 'prod'), {
      status: 500,
      json: { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } },
    });
    server.route(poolsPath('proj-a', 'us-east1-c', 'dev'), {
      json: { nodePools: [nodePool('proj-a', 'us-east1-c', 'dev', 'default-pool')] },
    });

    const [failed, ok] = await source().list({});

    expect(failed).toMatchObject({ complete: false, pools: [] });
    expect(failed.error).toContain('HTTP 500 INTERNAL: Internal error');
    expect(ok).toMatchObject({ scope: 'gke/proj-a/us-east1-c/dev', complete: true });
  });

  it('times out a hung response and marks the cluster incomplete', async () => {
    serveOneCluster();
    server.route(poolsPath('proj-a', 'us-central1', 'prod'), { hang: true });

    const [listing] = await source({ timeoutMs: 600, maxAttempts: 2 }).list({});

    expect(listing.complete).toBe(false);
    expect(listing.error).toContain('no answer within 600 ms');
    expect(server.requestsTo(poolsPath('proj-a', 'us-central1', 'prod'))).toHaveLength(2);
  });

  it('marks a cluster incomplete when the body is cut short', async () => {
    serveOneCluster();
    server.route(poolsPath('proj-a', 'us-central1', 'prod'), {
      json: { nodePools: [nodePool('proj-a', 'us-central1', 'prod', 'default-pool')] },
      truncateBodyAt: 30,
    });

    const [listing] = await source().list({});

    expect(listing).toMatchObject({ complete: false, pools: [] });
    expect(listing.error).toContain('invalid response');
  });

  it('throws a clear authentication error without the token when the project is refused', async () => {
    server.route(clustersPath('proj-a'), {
      status: 403,
      json: {
        error: {
          code: 403,
          message: `Permission denied on resource project proj-a (token ${TOKEN}).`,
          status: 'PERMISSION_DENIED',
        },
      },
    });

    const error = await source()
      .list({})
      .catch(e => e);

    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error.message).toContain(
      'authentication failed (HTTP 403): PERMISSION_DENIED: Permission denied on resource project proj-a',
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it('reports a token provider failure as an auth error, before any request', async () => {
    const broken = new GkePoolSource({
      id: 'gcp',
      projects: ['proj-a'],
      endpoint: server.url,
      getAccessToken: async () => {
        throw new Error('Could not load the default credentials.');
      },
    });

    await expect(broken.list({})).rejects.toThrow(
      'authentication failed: no access token: Could not load the default credentials.',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('throws when some zones could not be listed, so no cluster looks deleted', async () => {
    server.route(clustersPath('proj-a'), {
      json: { clusters: [cluster('prod', 'us-central1')], missingZones: ['us-east1-b'] },
    });

    const error = await source()
      .list({})
      .catch(e => e);

    expect(error).toBeInstanceOf(SourceResponseError);
    expect(error.message).toContain('clusters in us-east1-b could not be listed');
  });

  it('throws when one project of several cannot be listed', async () => {
    server.route(clustersPath('proj-a'), { json: { clusters: [cluster('prod', 'us-central1')] } });
    server.route(clustersPath('proj-b'), {
      status: 503,
      json: { error: { code: 503, message: 'unavailable', status: 'UNAVAILABLE' } },
    });

    await expect(source({}, ['proj-a', 'proj-b']).list({})).rejects.toThrow(
      `GET ${clustersPath('proj-b')}: HTTP 503`,
    );
  });

  it('lists the other pools and reports the index and field of a bad record', async () => {
    serveOneCluster();
    server.route(poolsPath('proj-a', 'us-central1', 'prod'), {
      json: {
        nodePools: [
          nodePool('proj-a', 'us-central1', 'prod', 'default-pool'),
          nodePool('proj-a', 'us-central1', 'prod', 'tainted', {
            config: {
              machineType: 'e2-standard-4',
              taints: [{ key: 'dedicated', value: 'gpu', effect: 'NO_SLEEP' }],
            },
          }),
        ],
      },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(false);
    expect(listing.pools.map(p => p.name)).toEqual(['default-pool']);
    expect(listing.issues).toEqual([
      expect.objectContaining({
        file: 'gke/proj-a/us-central1/prod',
        index: 1,
        field: expect.stringMatching(/^config\.taints/),
      }),
    ]);
  });

  it('blanks the values of config.metadata before a record is stored, keeping the keys', async () => {
    const metadata = {
      'startup-script': '#!/bin/bash\nexport DB_PASSWORD=hunter2-secret',
      'disable-legacy-endpoints': 'true',
    };
    server.route(clustersPath('proj-a'), { json: { clusters: [cluster('web', 'us-central1')] } });
    server.route(poolsPath('proj-a', 'us-central1', 'web'), {
      json: {
        nodePools: [
          nodePool('proj-a', 'us-central1', 'web', 'default-pool', {
            config: { machineType: 'e2-standard-4', diskSizeGb: 100, metadata },
          }),
        ],
      },
    });

    const [listing] = await source().list({});

    expect(listing.complete).toBe(true);
    expect(listing.pools[0].raw).toMatchObject({
      config: {
        machineType: 'e2-standard-4',
        diskSizeGb: 100,
        metadata: { 'startup-script': '', 'disable-legacy-endpoints': '' },
      },
    });
    expect(listing.pools[0].machineTypes).toEqual(['e2-standard-4']);
    expect(JSON.stringify(listing)).not.toContain('hunter2-secret');
  });
});

describe('createGkeSources', () => {
  it('makes one source per block', () => {
    const config = new ConfigReader({
      nodepools: {
        sources: {
          gke: [
            { id: 'gcp-a', projects: ['proj-a', 'proj-b'] },
            { id: 'gcp-b', projects: ['proj-c'], keyFile: '/etc/gcp/key.json', timeoutMs: 5000 },
          ],
        },
      },
    });

    const sources = createGkeSources(config, { logger: mockServices.logger.mock() });

    expect(sources.map(s => [s.id, s.kind, s.target])).toEqual([
      ['gcp-a', 'gke', 'Google Cloud projects proj-a, proj-b'],
      ['gcp-b', 'gke', 'Google Cloud project proj-c'],
    ]);
  });

  it('names the block and key of a missing project list', () => {
    const config = new ConfigReader({ nodepools: { sources: { gke: [{ id: 'gcp' }] } } });

    expect(() => createGkeSources(config, { logger: mockServices.logger.mock() })).toThrow(
      "Missing required config value at 'nodepools.sources.gke[0].projects'",
    );
  });
});

const describeWithSamples = sharedFixturesAvailable() ? describe : describe.skip;

describeWithSamples(`GkePoolSource with the public GKE samples${SHARED_FIXTURES_NOTE}`, () => {
  it('reads the recorded nodePools.list answer and a tainted nodePools.get body', async () => {
    const server = await startReplayServer();
    try {
      const recorded = readSharedFixture<{ nodePools: unknown[] }>('gke-nodepools-list.json');
      const tainted = readSharedFixture('gke-nodepool-get-tainted.json');
      server.route(clustersPath('cloud-custodian'), {
        json: { clusters: [cluster('c7nsuccessnode-cluster-1', 'us-central1')] },
      });
      server.route(poolsPath('cloud-custodian', 'us-central1', 'c7nsuccessnode-cluster-1'), {
        json: { nodePools: [...recorded.nodePools, tainted] },
      });

      const [listing] = await new GkePoolSource({
        id: 'gcp',
        projects: ['cloud-custodian'],
        endpoint: server.url,
        getAccessToken: async () => TOKEN,
      }).list({});

      expect(listing).toMatchObject({
        scope: 'gke/cloud-custodian/us-central1/c7nsuccessnode-cluster-1',
        complete: true,
      });
      expect(listing.pools.map(p => [p.name, p.machineTypes, p.capacityType])).toEqual([
        ['c7nnode-node-pool-1', ['n1-standard-1'], 'spot'],
        ['c7nnode-node-pool-2', ['n1-standard-1'], 'spot'],
        ['nodepool-sample-${uniqueId}', ['n4-standard-2'], 'on-demand'],
      ]);
      expect(listing.pools[2].taints).toEqual([
        { key: 'originalKey', value: 'originalValue', effect: 'NoSchedule' },
      ]);
    } finally {
      await server.close();
    }
  });
});
