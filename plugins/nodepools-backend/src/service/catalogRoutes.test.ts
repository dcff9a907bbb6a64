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
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const auth = mockCredentials.service.header({ onBehalfOf: mockCredentials.service('plugin:catalog'), targetPluginId: 'nodepools' });
const REF = 'eks/111122223333/eu-west-1/payments-prod';

async function start() {
  const knex = await databases.init('SQLITE_3');
  const stores = await createStoresFromKnex(knex);
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  return { server, stores };
}

function sync(stores: Stores, at: string, names: string[]) {
  return stores.pools.applySync({
    source: { id: 'files', kind: 'file', target: '1 file' },
    startedAt: at,
    finishedAt: at,
    outcome: {
      listings: [
        {
          scope: 'file:a.json',
          complete: true,
          pools: names.map(name => preparePool(makePoolSpec({ name }), ownership)),
        },
      ],
    },
  });
}

describe('routes the catalog module reads', () => {
  it('serves the change feed, and 410 once a cursor is behind the pruned history', async () => {
    const { server, stores } = await start();
    const start0 = await request(server).get('/api/nodepools/pools/changes').set('Authorization', auth);
    expect(start0.body).toEqual({ items: [], latest: 0 });
    await sync(stores, '2026-11-01T10:00:00.000Z', ['general', 'spot']);
    await sync(stores, '2026-11-02T10:00:00.000Z', ['general']);

    const page = await request(server)
      .get('/api/nodepools/pools/changes?after=0&limit=2')
      .set('Authorization', auth);
    expect(page.status).toBe(200);
    expect(page.body.items.map((c: { ref: string; event: string }) => [c.ref, c.event])).toEqual([
      [`${REF}/general`, 'created'],
      [`${REF}/spot`, 'created'],
    ]);
    expect(page.body.latest).toBe(3);

    await stores.pools.pruneHistory('2026-11-02T00:00:00.000Z');
    const gone = await request(server)
      .get('/api/nodepools/pools/changes?after=1')
      .set('Authorization', auth);
    expect(gone.status).toBe(410);
    expect(gone.body.error.message).toBe(
      'changes after 1 are no longer kept (history is pruned through 2): read every pool again',
    );

    for (const [query, message] of [
      ['after=-1', "Invalid query parameter 'after': expected a history id (a whole number)"],
      ['after=x', "Invalid query parameter 'after': expected a history id (a whole number)"],
      ['limit=5000', "Invalid query parameter 'limit': expected a whole number from 1 to 1000"],
      ['since=1', "Unknown query parameter 'since'"],
    ]) {
      const res = await request(server).get(`/api/nodepools/pools/changes?${query}`).set('Authorization', auth);
      expect([query, res.status, res.body.error.message]).toEqual([query, 400, message]);
    }
  });

  it('returns pools by ref, tombstoned ones included, and names a bad body field', async () => {
    const { server, stores } = await start();
    await sync(stores, '2026-11-01T10:00:00.000Z', ['general', 'spot']);
    await sync(stores, '2026-11-01T10:05:00.000Z', ['general']);
    const res = await request(server)
      .post('/api/nodepools/pools/by-ref')
      .set('Authorization', auth)
      .send({ refs: [`${REF}/spot`, `${REF}/general`, `${REF}/absent`] });
    expect(res.status).toBe(200);
    expect(
      res.body.items
        .map((p: { name: string; tombstonedAt?: string }) => [p.name, Boolean(p.tombstonedAt)])
        .sort(),
    ).toEqual([
      ['general', false],
      ['spot', true],
    ]);
    expect(res.body.items[0]).not.toHaveProperty('raw');

    const bad = await request(server)
      .post('/api/nodepools/pools/by-ref')
      .set('Authorization', auth)
      .send({ refs: Array.from({ length: 501 }, (_, i) => `r${i}`) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("Invalid body field 'refs': Array must contain at most 500 element(s)");
  });
});
