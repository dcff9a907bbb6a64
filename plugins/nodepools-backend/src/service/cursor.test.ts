import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import request from 'supertest';
import { preparePool } from '../inventory/preparePool';
import { nodepoolsPlugin } from '../plugin';
import { createStoresFromKnex } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const auth = mockCredentials.user.header();

/** A cursor as the API encodes one: a sort value and the ref that breaks ties. */
const cursor = (value: unknown, ref: unknown = 'eks/1/r/c/p') =>
  Buffer.from(JSON.stringify([value, ref])).toString('base64url');

describe.each(databases.eachSupportedId())('cursors of GET /pools on %p', databaseId => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const { pools } = await createStoresFromKnex(knex);
    await pools.applySync({
      source: { id: 'files', kind: 'file', target: '1 file' },
      startedAt: '2026-11-01T10:00:00.000Z',
      finishedAt: '2026-11-01T10:00:00.000Z',
      outcome: {
        listings: [
          {
            scope: 'file:a.json',
            complete: true,
            pools: [1, 2, 3].map(n => preparePool(makePoolSpec({ name: `pool-${n}`, nodeCount: n }), ownership)),
          },
        ],
      },
    });
    ({ server } = await startTestBackend({
      features: [
        nodepoolsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    }));
  });

  it('pages with the cursors it hands out', async () => {
    const first = await request(server).get('/api/nodepools/pools?sort=nodeCount&limit=2').set('Authorization', auth);
    const next = await request(server)
      .get('/api/nodepools/pools')
      .query({ sort: 'nodeCount', limit: 2, cursor: first.body.nextCursor })
      .set('Authorization', auth);
    expect(next.status).toBe(200);
    expect(next.body.items.map((p: { name: string }) => p.name)).toEqual(['pool-3']);
  });

  it.each([
    ['a text for a count', 'nodeCount', cursor('three')],
    ['a fraction for a count', 'nodeCount', cursor(1.5)],
    ['a count beyond the column', 'nodeCount', cursor(1e12)],
    ['a number for a name', 'name', cursor(5)],
    ['a NUL character in the value', 'name', cursor('pool\u0000')],
    ['a NUL character in the ref', 'name', cursor('pool-1', 'eks/\u0000')],
    ['a timestamp sort given a count', 'lastSeenAt', cursor(3)],
  ])('answers 400 naming cursor for %s', async (_case, sort, value) => {
    const res = await request(server)
      .get('/api/nodepools/pools')
      .query({ sort, cursor: value })
      .set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: `Invalid query parameter 'cursor': its position does not fit sort '${sort}'; pass the nextCursor of a previous page unchanged`,
    });
  });
});
