import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import request from 'supertest';
import { preparePool } from '../inventory/preparePool';
import { nodepoolsPlugin } from '../plugin';
import { createStoresFromKnex } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const REF = 'eks/111122223333/eu-west-1/payments-prod/general';

async function startWithPools() {
  const knex = await databases.init('SQLITE_3');
  const { pools: store } = await createStoresFromKnex(knex);
  await store.applySync({
    source: { id: 'files', kind: 'file', target: '1 file' },
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:00:01.000Z',
    outcome: {
      listings: [
        {
          scope: 'file:a.json',
          complete: true,
          pools: [
            makePoolSpec(),
            makePoolSpec({ name: 'spot', capacityType: 'spot' }),
            makePoolSpec({ provider: 'gke', name: 'default-pool', cluster: 'search' }),
          ].map(p => preparePool(p, ownership)),
        },
      ],
    },
  });
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  return server;
}

describe('nodepools router', () => {
  it('refuses callers without credentials', async () => {
    const server = await startWithPools();
    const res = await request(server)
      .get('/api/nodepools/pools')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('lists pools with filters, count and paging', async () => {
    const server = await startWithPools();
    const res = await request(server)
      .get('/api/nodepools/pools?provider=eks&limit=1&sort=name')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(2);
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(['general']);
    const next = await request(server)
      .get('/api/nodepools/pools')
      .query({ provider: 'eks', limit: 1, sort: 'name', cursor: res.body.nextCursor })
      .set('Authorization', mockCredentials.user.header());
    expect(next.body.items.map((p: { name: string }) => p.name)).toEqual(['spot']);
    expect(next.body.nextCursor).toBeUndefined();

    const multi = await request(server)
      .get('/api/nodepools/pools?provider=eks,gke&capacityType=on-demand')
      .set('Authorization', mockCredentials.user.header());
    expect(multi.body.totalCount).toBe(2);
  });

  it.each([
    ['limit=0', "Invalid query parameter 'limit'"],
    ['limit=abc', "Invalid query parameter 'limit': expected a whole number from 1 to 500"],
    ['provider=azure', "Invalid query parameter 'provider'"],
    ['sort=size', "Invalid query parameter 'sort'"],
    ['includeTombstoned=yes', "Invalid query parameter 'includeTombstoned'"],
    ['cursor=not-a-cursor', "Invalid query parameter 'cursor'"],
    ['providr=eks', "Unknown query parameter 'providr'"],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const server = await startWithPools();
    const res = await request(server)
      .get(`/api/nodepools/pools?${query}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it('returns one pool with its raw record and history, and 404 for unknown refs', async () => {
    const server = await startWithPools();
    const pool = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent(REF)}`)
      .set('Authorization', mockCredentials.user.header());
    expect(pool.status).toBe(200);
    expect(pool.body).toMatchObject({ ref: REF, name: 'general', raw: { status: 'ACTIVE' } });

    const history = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent(REF)}/history`)
      .set('Authorization', mockCredentials.user.header());
    expect(history.body.items).toEqual([
      expect.objectContaining({ ref: REF, event: 'created', source: 'files' }),
    ]);

    const missing = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent('eks/1/r/c/nope')}`)
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    const missingHistory = await request(server)
      .get(`/api/nodepools/pools/${encodeURIComponent('eks/1/r/c/nope')}/history`)
      .set('Authorization', mockCredentials.user.header());
    expect(missingHistory.status).toBe(404);
  });

  it('serves facets, clusters and sources', async () => {
    const server = await startWithPools();
    const facets = await request(server)
      .get('/api/nodepools/pools/facets')
      .set('Authorization', mockCredentials.user.header());
    expect(facets.body.provider).toEqual(['eks', 'gke']);
    const clusters = await request(server)
      .get('/api/nodepools/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(clusters.body.items).toHaveLength(2);
    const sources = await request(server)
      .get('/api/nodepools/sources')
      .set('Authorization', mockCredentials.user.header());
    expect(sources.body.items).toEqual([
      expect.objectContaining({ id: 'files', status: 'ok', poolCount: 3 }),
    ]);
    const unknown = await request(server)
      .post('/api/nodepools/sources/nope/sync')
      .set('Authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(404);
  });
});
