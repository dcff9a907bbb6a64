import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_OWNER_KEYS,
  toPoolListItem,
  type ObservedNodes,
  type PoolQuery,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import { preparePool } from '../../inventory/preparePool';
import { makePoolSpec } from '../../testing/makePoolSpec';
import { createStoresFromKnex } from '../createStores';
import type { PoolStore, PreparedListing, SourceSync } from '../PoolStore';
import { LISTING_INTERVAL_MS } from './etag';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const general = makePoolSpec();
const spot = makePoolSpec({
  name: 'spot',
  capacityType: 'spot',
  taints: [{ key: 'spot', value: 'true', effect: 'NoSchedule' }],
});
const search = makePoolSpec({ provider: 'gke', account: 'p', region: 'us-central1', cluster: 'search', name: 'default-pool' });
const ref = (spec: PoolSpec) => preparePool(spec, ownership).ref;

function listing(scope: string, pools: PoolSpec[], extra: Partial<PreparedListing> = {}): PreparedListing {
  return { scope, complete: true, pools: pools.map(p => preparePool(p, ownership)), ...extra };
}

function run(ms: number, outcome: SourceSync['outcome'], staleAfterMs?: number): SourceSync {
  return {
    source: { id: 'files', kind: 'file', target: '2 files' },
    startedAt: at(ms),
    finishedAt: at(ms),
    ...(staleAfterMs !== undefined ? { staleAfterMs } : {}),
    outcome,
  };
}

function observed(nodeCount: number): ObservedNodes {
  return {
    nodeCount,
    readyCount: nodeCount,
    kubeletVersions: ['v1.33.1'],
    osImages: ['Bottlerocket'],
    zones: ['eu-west-1a'],
    allocatable: { cpu: 4 * nodeCount },
    requested: { cpu: nodeCount },
    observedAt: at(0),
  };
}

const CLUSTER = { provider: 'kubernetes' as const, cluster: 'payments-prod' };

describe('the pool listing', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let now = T0;
    let knex: Knex;
    let store: PoolStore;

    beforeEach(async () => {
      now = T0;
      knex = await databases.init(databaseId as TestDatabaseId);
      store = (await createStoresFromKnex(knex, { now: () => new Date(now) })).pools;
    });

    async function tag(query: PoolQuery = {}): Promise<string> {
      return (await store.listPoolsJson(query)).etag;
    }

    /** Runs `change` and says whether the default page's tag moved. */
    async function moves(change: () => Promise<unknown>): Promise<boolean> {
      const before = await tag();
      await change();
      return (await tag()) !== before;
    }

    it('keeps its tag through a resync that changes nothing, and changes it with anything listed', async () => {
      const both = () => [listing('file:a.json', [general, spot]), listing('file:b.json', [search])];
      expect(await moves(() => store.applySync(run(0, { listings: both() }, 900_000)))).toBe(true);
      // A resync that finds the same pools writes nothing listed: same tag, same body.
      const before = await store.listPoolsJson({});
      expect(await moves(() => store.applySync(run(1_000, { listings: both() }, 900_000)))).toBe(false);
      expect(await store.listPoolsJson({})).toEqual(before);
      expect(await moves(() => store.pruneHistory(at(5_000)))).toBe(false);

      const raised = makePoolSpec({ autoscaling: { enabled: true, min: 2, max: 10 } });
      const changed = () => [listing('file:a.json', [raised, spot]), listing('file:b.json', [search])];
      expect(await moves(() => store.applySync(run(2_000, { listings: changed() }, 900_000)))).toBe(true);

      // Observed nodes: a new roll-up moves it, the same one again does not.
      const rollUp = (n: number) => [{ scope: 'kubernetes/payments-prod', complete: true, cluster: CLUSTER, entries: [{ ref: ref(general), observed: observed(n) }] }];
      expect(await moves(() => store.applyObserved('kubernetes', rollUp(2)))).toBe(true);
      expect(await moves(() => store.applyObserved('kubernetes', rollUp(2)))).toBe(false);
      expect(await moves(() => store.applyObserved('kubernetes', rollUp(3)))).toBe(true);

      // A scope that starts failing, fails the same way again, fails otherwise, recovers.
      const failing = (error: string) => [listing('file:a.json', [], { complete: false, error }), listing('file:b.json', [search])];
      expect(await moves(() => store.applySync(run(3_000, { listings: failing('file not found') }, 900_000)))).toBe(true);
      expect(await moves(() => store.applySync(run(4_000, { listings: failing('file not found') }, 900_000)))).toBe(false);
      expect(await moves(() => store.applySync(run(5_000, { listings: failing('permission denied') }, 900_000)))).toBe(true);
      expect(await moves(() => store.applySync(run(6_000, { listings: changed() }, 900_000)))).toBe(true);

      // The whole source fails, twice alike, then lists again.
      expect(await moves(() => store.applySync(run(7_000, { error: 'no credentials' }, 900_000)))).toBe(true);
      expect(await moves(() => store.applySync(run(8_000, { error: 'no credentials' }, 900_000)))).toBe(false);
      expect(await moves(() => store.applySync(run(9_000, { listings: changed() }, 900_000)))).toBe(true);

      // A pool its complete listing no longer has is tombstoned.
      const withoutSpot = () => [listing('file:a.json', [raised]), listing('file:b.json', [search])];
      expect(await moves(() => store.applySync(run(10_000, { listings: withoutSpot() }, 900_000)))).toBe(true);

      // The source leaves config, comes back, leaves for good.
      expect(await moves(() => store.markRemovedSources([], at(11_000)))).toBe(true);
      expect(await moves(() => store.markRemovedSources([], at(12_000)))).toBe(false);
      expect(await moves(() => store.markRemovedSources(['files'], at(13_000)))).toBe(true);
      await store.markRemovedSources([], at(14_000));
      expect(await moves(() => store.retireRemovedSources(at(14_000), at(15_000)))).toBe(true);
    });

    it('tags each query apart, and each interval, so a cached page ages by at most one', async () => {
      await store.applySync(run(0, { listings: [listing('file:a.json', [general, spot])] }, 120_000));
      expect(await tag({ provider: ['eks'] })).not.toBe(await tag());
      expect(await tag({ limit: 1 })).not.toBe(await tag({ limit: 2 }));
      expect(await tag()).toBe(await tag());

      const fresh = await store.listPools({});
      expect(fresh.items.every(p => !p.stale)).toBe(true);
      const first = await tag();
      // Past the staleness window: the next interval's page says so.
      now = T0 + Math.ceil(120_001 / LISTING_INTERVAL_MS) * LISTING_INTERVAL_MS;
      expect(await tag()).not.toBe(first);
      expect((await store.listPools({})).items.map(p => p.staleReason)).toEqual([
        `not refreshed since ${at(0)}`,
        `not refreshed since ${at(0)}`,
      ]);
    });

    it('answers a caller holding the current tag without reading a pool row', async () => {
      await store.applySync(run(0, { listings: [listing('file:a.json', [general, spot])] }));
      const { etag } = await store.listPoolsJson({ provider: ['eks'] });
      const facetsTag = (await store.facetsJson()).etag;
      const statements: string[] = [];
      const record = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', record);
      try {
        const answer = await store.listPoolsJson({ provider: ['eks'] }, { ifNoneMatch: `"x", ${etag}` });
        expect(answer).toEqual({ etag, notModified: true });
        expect(await store.facetsJson({ ifNoneMatch: facetsTag })).toEqual({ etag: facetsTag, notModified: true });
      } finally {
        knex.removeListener('query', record);
      }
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.filter(sql => /nodepools_pools|nodepools_pool_documents/.test(sql))).toEqual([]);
      // Another tag, or none, gets the page.
      expect((await store.listPoolsJson({ provider: ['eks'] }, { ifNoneMatch: 'W/"old"' })).notModified).toBe(false);
    });

    it('lists each pool as its card needs it: the pool itself, less what the pool page reads', async () => {
      await store.applySync(run(0, { listings: [listing('file:a.json', [general, spot]), listing('file:b.json', [search])] }, 900_000));
      await store.applyObserved('kubernetes', [
        { scope: 'kubernetes/payments-prod', complete: true, cluster: CLUSTER, entries: [{ ref: ref(general), observed: observed(2) }] },
      ]);
      // b.json fails (its pool is stale, with the error), spot is tombstoned.
      await store.applySync(
        run(1_000, { listings: [listing('file:a.json', [general]), listing('file:b.json', [], { complete: false, error: 'file not found' })] }, 900_000),
      );
      const page = await store.listPools({ includeTombstoned: true, limit: 2 });
      const next = await store.listPools({ includeTombstoned: true, limit: 2, cursor: page.nextCursor });
      const items = [...page.items, ...next.items];
      expect(items.map(p => p.name)).toEqual(['default-pool', 'general', 'spot']);
      expect(page.totalCount).toBe(3);
      expect(next.nextCursor).toBeUndefined();
      for (const item of items) {
        expect(item).toEqual(toPoolListItem((await store.getPool(item.ref))!));
      }
      expect(items[0]).toMatchObject({ stale: true, staleReason: 'file not found', lastSeenAt: at(0) });
      expect(items[1].observed).toEqual({ nodeCount: 2, readyCount: 2, allocatable: { cpu: 8 }, requested: { cpu: 2 } });
      expect(items[2].tombstonedAt).toBe(at(1_000));
      expect(await store.getFacets()).toMatchObject({ provider: ['eks', 'gke'], capacityType: ['on-demand'] });
    });

    it('builds a page once for requests that ask for it at the same time', async () => {
      await store.applySync(run(0, { listings: [listing('file:a.json', [general, spot])] }));
      const statements: string[] = [];
      const record = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', record);
      let answers;
      try {
        answers = await Promise.all(Array.from({ length: 10 }, () => store.listPoolsJson({ provider: ['eks'] })));
      } finally {
        knex.removeListener('query', record);
      }
      expect(new Set(answers.map(a => JSON.stringify(a))).size).toBe(1);
      expect(statements.filter(sql => /count\(/i.test(sql))).toHaveLength(1);
      expect(statements.filter(sql => /list_json/.test(sql))).toHaveLength(1);
    });

    it('builds the list documents of pools stored before they existed', async () => {
      await store.applySync(run(0, { listings: [listing('file:a.json', [general, spot])] }));
      const expected = await store.listPools({});
      await knex('nodepools_pool_documents').update({ list_json: null });
      const reopened = (await createStoresFromKnex(knex, { now: () => new Date(now), listingCacheBytes: 0 })).pools;
      expect(Number((await knex('nodepools_pool_documents').whereNull('list_json').count({ n: '*' }))[0].n)).toBe(0);
      expect(await reopened.listPools({})).toEqual(expected);
      // A replica that still writes none: the page builds them as it reads.
      await knex('nodepools_pool_documents').update({ list_json: null });
      expect(await reopened.listPools({})).toEqual(expected);
    });
  });
});
