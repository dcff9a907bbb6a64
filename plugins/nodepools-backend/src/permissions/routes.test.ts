import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  nodepoolRawReadPermission,
  nodepoolReadPermission,
  poolPassesRestriction,
  type NodePool,
  type PoolListItem,
  type PoolRestriction,
} from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { nodepoolsPlugin } from '../plugin';
import { createStoresFromKnex } from '../store/createStores';
import { createNodepoolConditionalDecision, nodepoolConditions } from './conditions';
import { seedFleet } from './__testUtils__/fleet';
import { policyPermissionsFactory, type TestPolicy } from './__testUtils__/policyPermissions';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const auth = mockCredentials.user.header();
const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

const PAYMENTS = 'group:default/team-payments';

/** Reads and raw records of the caller's own pools; nothing else on pools. */
const ownerPolicy = (claims: string[]): TestPolicy => permission => {
  if (permission.name === 'nodepool.read' || permission.name === 'nodepool.raw.read') {
    return createNodepoolConditionalDecision(
      permission as typeof nodepoolReadPermission,
      nodepoolConditions.isOwner({ claims }),
    );
  }
  return DENY;
};

const byName = (decisions: Record<string, PolicyDecision>): TestPolicy => (p: Permission) =>
  decisions[p.name] ?? ALLOW;

/** Under a test policy; without one, the app's default: no permission backend. */
async function start(knex: Knex, policy?: TestPolicy) {
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ...(policy ? [policyPermissionsFactory(policy)] : []),
    ],
  });
  return server;
}

async function seeded(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { pools } = await createStoresFromKnex(knex);
  await seedFleet(pools);
  return knex;
}

type Server = Awaited<ReturnType<typeof start>>;

/** Every page of a listing, following nextCursor; each page's totalCount too. */
async function allPages(server: Server, query: Record<string, string>) {
  const refs: string[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  do {
    const res = await request(server)
      .get('/api/nodepools/pools')
      .query({ ...query, ...(cursor ? { cursor } : {}) })
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    refs.push(...res.body.items.map((p: NodePool) => p.ref));
    totals.add(res.body.totalCount);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { refs, totals: [...totals] };
}

async function everyPool(knex: Knex): Promise<PoolListItem[]> {
  const { pools } = await createStoresFromKnex(knex);
  return (await pools.listPools({ limit: 500 })).items;
}

describe.each(databases.eachSupportedId())('permissions on the routes, %p', databaseId => {
  it('lists only the caller’s pools under an owner condition, with their count and cursors on every sort', async () => {
    const knex = await seeded(databaseId);
    const all = await everyPool(knex);
    const server = await start(knex, ownerPolicy([PAYMENTS, 'user:default/mock']));
    const owned = all.filter(p => p.owner === PAYMENTS);
    expect(owned.length).toBe(12);

    for (const [sort, order] of [
      ['name', 'asc'],
      ['nodeCount', 'desc'],
      ['owner', 'asc'],
      ['lastSeenAt', 'desc'],
    ]) {
      const { refs, totals } = await allPages(server, { sort, order, limit: '5' });
      expect(totals).toEqual([12]);
      expect(refs).toHaveLength(12);
      expect([...refs].sort()).toEqual(owned.map(p => p.ref).sort());
    }

    // The caller's own filters narrow further; the count follows.
    const spot = await allPages(server, { capacityType: 'spot', limit: '2' });
    const ownedSpot = owned.filter(p => p.capacityType === 'spot');
    expect(spot.totals).toEqual([ownedSpot.length]);
    expect(spot.refs.sort()).toEqual(ownedSpot.map(p => p.ref).sort());
    // Asking for another team's pools by filter finds none.
    const others = await allPages(server, { owner: 'group:default/team-search' });
    expect(others).toEqual({ refs: [], totals: [0] });
  });

  it('restricts facets and clusters the same way', async () => {
    const knex = await seeded(databaseId);
    const all = await everyPool(knex);
    const server = await start(knex, ownerPolicy(['GROUP:default/Team-ML']));
    const mine = all.filter(p => p.owner === 'group:default/team-ml');

    const facets = await request(server).get('/api/nodepools/pools/facets').set('Authorization', auth);
    expect(facets.body.owner).toEqual(['group:default/team-ml']);
    expect(facets.body.cluster).toEqual([...new Set(mine.map(p => p.cluster))].sort());

    const clusters = await request(server).get('/api/nodepools/clusters').set('Authorization', auth);
    const counted = clusters.body.items.reduce(
      (sum: number, c: { poolCount: number }) => sum + c.poolCount,
      0,
    );
    expect(counted).toBe(mine.length);
  });

  it('filters in SQL exactly as the rules decide in memory, NOT and unowned pools included', async () => {
    const knex = await seeded(databaseId);
    const all = await everyPool(knex);
    const { pools } = await createStoresFromKnex(knex);
    const restrictions: PoolRestriction[] = [
      { owners: [PAYMENTS] },
      { not: { owners: [PAYMENTS] } },
      { anyOf: [{ owners: ['group:default/team-search'] }, { providers: ['karpenter'] }] },
      { allOf: [{ clusters: [{ provider: 'kubernetes', cluster: 'payments-prod' }] }, { not: { providers: ['karpenter'] } }] },
      { clusters: [{ provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod' }] },
      { not: { anyOf: [{ owners: [] }, { clusters: [{ provider: 'gke', cluster: 'search' }] }] } },
    ];
    for (const restrict of restrictions) {
      const page = await pools.listPools({ limit: 500, restrict });
      const expected = all.filter(p => poolPassesRestriction(p, restrict)).map(p => p.ref);
      expect({ restrict, refs: page.items.map(p => p.ref).sort() }).toEqual({
        restrict,
        refs: expected.sort(),
      });
      expect(page.totalCount).toBe(expected.length);
    }
    // Karpenter pools of the cluster carry no region: they belong to it whatever region it is in.
    const inFirst = await pools.listPools({ limit: 500, restrict: restrictions[4] });
    expect(inFirst.items.some(p => p.provider === 'karpenter')).toBe(true);
    expect(inFirst.items.some(p => p.region === 'us-east-1')).toBe(false);
  });

  it('checks one pool: its own read, and its raw record apart from it', async () => {
    const knex = await seeded(databaseId);
    const all = await everyPool(knex);
    const mine = all.find(p => p.owner === PAYMENTS)!;
    const theirs = all.find(p => p.owner === 'group:default/team-search')!;
    const server = await start(
      knex,
      byName({
        'nodepool.read': ALLOW,
        'nodepool.raw.read': createNodepoolConditionalDecision(
          nodepoolRawReadPermission,
          nodepoolConditions.isOwner({ claims: [PAYMENTS] }),
        ),
      }),
    );
    const own = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent(mine.ref)}`)
      .set('Authorization', auth);
    expect(own.status).toBe(200);
    expect(own.body.raw).toEqual({ nodegroupName: mine.name, status: 'ACTIVE' });

    const other = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent(theirs.ref)}`)
      .set('Authorization', auth);
    expect(other.status).toBe(200);
    expect(other.body.name).toBe(theirs.name);
    expect(other.body).not.toHaveProperty('raw');
  });

  it('answers 403 in Backstage’s error format for a pool the caller may not read, 404 for none', async () => {
    const knex = await seeded(databaseId);
    const all = await everyPool(knex);
    const theirs = all.find(p => p.owner !== PAYMENTS)!;
    const server = await start(knex, ownerPolicy([PAYMENTS]));
    for (const path of ['', '/history']) {
      const res = await request(server)
        .get(`/api/nodepools/pools/${encodeURIComponent(theirs.ref)}${path}`)
        .set('Authorization', auth);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: `You are not allowed to read the node pool '${theirs.ref}' (permission nodepool.read)`,
      });
      expect(res.body.response).toEqual({ statusCode: 403 });
    }
    const missing = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent('eks/1/r/c/nope')}`)
      .set('Authorization', auth);
    expect(missing.status).toBe(404);
  });

  it('denies every route when the policy denies everything', async () => {
    const knex = await seeded(databaseId);
    const server = await start(knex, () => DENY);
    const ref = encodeURIComponent((await everyPool(knex))[0].ref);
    const routes: Array<[string, string, string]> = [
      ['get', '/pools', 'nodepool.read'],
      ['get', '/pools/facets', 'nodepool.read'],
      ['get', `/pools/${ref}`, 'nodepool.read'],
      ['get', `/pools/${ref}/history`, 'nodepool.read'],
      ['get', '/clusters', 'nodepool.read'],
      ['get', '/sources', 'nodepool.read'],
      ['post', '/sources/files/sync', 'nodepool.source.sync'],
      ['get', '/triage/clusters', 'nodepool.read'],
      ['get', '/triage/pools', 'nodepool.read'],
      ['get', '/triage?cluster=payments-prod', 'nodepool.read'],
      ['post', '/triage/analyze', 'nodepool.triage.analyze'],
    ];
    for (const [method, path, permission] of routes) {
      const res = await (method === 'get'
        ? request(server).get(`/api/nodepools${path}`)
        : request(server).post(`/api/nodepools${path}`).send({})
      ).set('Authorization', auth);
      expect({ path, status: res.status, name: res.body.error?.name }).toEqual({
        path,
        status: 403,
        name: 'NotAllowedError',
      });
      expect(res.body.error.message).toContain(`(permission ${permission})`);
    }
  });

  it('allows everything without a permission backend, as before', async () => {
    const knex = await seeded(databaseId);
    const server = await start(knex);
    const list = await request(server).get('/api/nodepools/pools?limit=1').set('Authorization', auth);
    expect(list.body.totalCount).toBe(48);
    const pool = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent(list.body.items[0].ref)}`)
      .set('Authorization', auth);
    expect(pool.body.raw).toEqual({ nodegroupName: list.body.items[0].name, status: 'ACTIVE' });
    const analyze = await request(server)
      .post('/api/nodepools/triage/analyze')
      .set('Authorization', auth)
      .send({ cluster: 'search', pods: { items: [] }, nodes: { items: [] } });
    expect(analyze.status).toBe(200);
    expect(analyze.body.pools.length).toBe(12);
  });

  it('lets readers read while syncs and analyses stay denied', async () => {
    const knex = await seeded(databaseId);
    const server = await start(
      knex,
      byName({
        'nodepool.raw.read': DENY,
        'nodepool.source.sync': DENY,
        'nodepool.triage.analyze': DENY,
      }),
    );
    const list = await request(server).get('/api/nodepools/pools?limit=1').set('Authorization', auth);
    expect(list.body.totalCount).toBe(48);
    const pool = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent(list.body.items[0].ref)}`)
      .set('Authorization', auth);
    expect(pool.status).toBe(200);
    expect(pool.body).not.toHaveProperty('raw');
    const sources = await request(server).get('/api/nodepools/sources').set('Authorization', auth);
    expect(sources.status).toBe(200);
    const sync = await request(server).post('/api/nodepools/sources/files/sync').set('Authorization', auth);
    expect(sync.status).toBe(403);
    expect(sync.body.error.message).toBe('You are not allowed to run source syncs (permission nodepool.source.sync)');
  });
});
