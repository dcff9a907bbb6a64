import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { nodepoolsPlugin } from '../plugin';
import { createStoresFromKnex } from '../store/createStores';
import type { PoolStore } from '../store/PoolStore';
import { LISTING_INTERVAL_MS } from '../store/listing/etag';
import { makePoolSpec } from '../testing/makePoolSpec';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with exactly these headers, its body as sent (supertest would decompress it). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: `/api/nodepools${path}`, headers: { Authorization: mockCredentials.user.header(), ...headers } },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/**
 * The backend's tags also change with the wall clock's interval: a test that
 * expects the same tag twice starts well inside one.
 */
async function awayFromIntervalEdge() {
  const left = LISTING_INTERVAL_MS - (Date.now() % LISTING_INTERVAL_MS);
  if (left < 10_000) await new Promise(resolve => setTimeout(resolve, left + 50));
}

async function sync(store: PoolStore, minute: number, maxNodes: number) {
  const at = new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();
  const pools = Array.from({ length: 12 }, (_, i) =>
    makePoolSpec({ name: `pool-${String(i).padStart(2, '0')}`, autoscaling: { enabled: true, min: 1, max: maxNodes } }),
  );
  await store.applySync({
    source: { id: 'files', kind: 'file', target: '1 file' },
    startedAt: at,
    finishedAt: at,
    outcome: { listings: [{ scope: 'file:a.json', complete: true, pools: pools.map(p => preparePool(p, ownership)) }] },
  });
}

describe('GET /pools over HTTP', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let port: number;
    let store: PoolStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      store = (await createStoresFromKnex(knex)).pools;
      await sync(store, 0, 6);
      const { server } = await startTestBackend({
        features: [
          nodepoolsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        ],
      });
      port = server.port();
    });

    it('tags the page, answers 304 to its tag, and a new page once a pool changed', async () => {
      await awayFromIntervalEdge();
      const first = await get(port, '/pools');
      expect(first.status).toBe(200);
      expect(first.headers).toMatchObject({
        'cache-control': 'private, no-cache',
        'content-type': 'application/json; charset=utf-8',
        vary: 'Accept-Encoding',
      });
      const etag = first.headers.etag!;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(JSON.parse(first.body.toString()).totalCount).toBe(12);

      const again = await get(port, '/pools', { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body).toHaveLength(0);
      expect(again.headers.etag).toBe(etag);
      // Another query is another page.
      expect((await get(port, '/pools?limit=5', { 'If-None-Match': etag })).status).toBe(200);

      await sync(store, 1, 6);
      expect((await get(port, '/pools', { 'If-None-Match': etag })).status).toBe(304);
      await sync(store, 2, 9);
      const changed = await get(port, '/pools', { 'If-None-Match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(JSON.parse(changed.body.toString()).items[0].autoscaling.max).toBe(9);
    });

    it('compresses a large page for a client that accepts gzip, to the same JSON', async () => {
      await awayFromIntervalEdge();
      const plain = await get(port, '/pools');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);

      const zipped = await get(port, '/pools', { 'Accept-Encoding': 'br;q=1, gzip;q=0.8' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
      expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
      expect(zipped.headers.etag).toBe(plain.headers.etag);

      const refused = await get(port, '/pools', { 'Accept-Encoding': 'gzip;q=0, identity' });
      expect(refused.headers['content-encoding']).toBeUndefined();
      // A small answer is not worth compressing.
      const small = await get(port, '/pools?limit=1', { 'Accept-Encoding': 'gzip' });
      expect(small.body.length).toBeLessThan(1024);
      expect(small.headers['content-encoding']).toBeUndefined();
    });

    it('tags the facets the same way', async () => {
      await awayFromIntervalEdge();
      const facets = await get(port, '/pools/facets');
      expect(JSON.parse(facets.body.toString())).toMatchObject({ provider: ['eks'], cluster: ['payments-prod'] });
      expect((await get(port, '/pools/facets', { 'If-None-Match': facets.headers.etag! })).status).toBe(304);
    });

    it('still refuses callers without credentials, and checks the query before the tag', async () => {
      await awayFromIntervalEdge();
      const etag = (await get(port, '/pools')).headers.etag!;
      expect((await get(port, '/pools', { Authorization: mockCredentials.none.header(), 'If-None-Match': etag })).status).toBe(401);
      expect((await get(port, '/pools?sort=size', { 'If-None-Match': etag })).status).toBe(400);
    });
  });
});
