import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { makePoolSpec } from '../testing/makePoolSpec';
import { createStoresFromKnex } from './createStores';
import type { PoolStore, PreparedListing, SourceSync } from './PoolStore';
import { shardOfScope, type SyncShard } from './shards';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** Eight clusters, and the shard of two that each belongs to. */
const SCOPES = Array.from({ length: 8 }, (_, i) => `eks/1/eu-west-1/c${i}`);
const OF_SHARD = [0, 1].map(index => SCOPES.filter(scope => shardOfScope(scope, 2) === index));
const shard = (index: number, count = 2): SyncShard => ({ index, count });

function listing(scope: string, extra: Partial<PreparedListing> = {}): PreparedListing {
  const cluster = scope.split('/')[3];
  return {
    scope,
    complete: true,
    pools: [preparePool(makePoolSpec({ cluster, name: 'general' }), ownership)],
    ...extra,
  };
}

function run(ms: number, syncShard: SyncShard, outcome: SourceSync['outcome']): SourceSync {
  return {
    source: { id: 'fleet', kind: 'eks', target: 'account 1' },
    startedAt: at(ms),
    finishedAt: at(ms),
    staleAfterMs: 15 * MINUTE,
    shard: syncShard,
    outcome,
  };
}

const refOf = (scope: string) => `eks/111122223333/eu-west-1/${scope.split('/')[3]}/general`;

describe('a source split into shards', () => {
  it('puts every scope in one shard, the same one every time', () => {
    expect(OF_SHARD[0].length).toBeGreaterThan(0);
    expect(OF_SHARD[1].length).toBeGreaterThan(0);
    expect([...OF_SHARD[0], ...OF_SHARD[1]].sort()).toEqual([...SCOPES].sort());
    expect(SCOPES.map(scope => shardOfScope(scope, 3))).toEqual(SCOPES.map(scope => shardOfScope(scope, 3)));
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let now = T0;
    let store: PoolStore;

    beforeEach(async () => {
      now = T0;
      store = (await createStoresFromKnex(await databases.init(databaseId as TestDatabaseId), { now: () => new Date(now) })).pools;
    });

    const live = async () => (await store.listPools({ limit: 500 })).items;
    const pool = async (scope: string) => store.getPool(refOf(scope));

    it('never tombstones the scopes of another shard, and tombstones its own that are gone', async () => {
      await store.applySync(run(0, shard(0), { listings: OF_SHARD[0].map(s => listing(s)) }));
      await store.applySync(run(MINUTE, shard(1), { listings: OF_SHARD[1].map(s => listing(s)) }));
      expect((await live()).map(p => p.cluster).sort()).toEqual(SCOPES.map(s => s.split('/')[3]).sort());

      // Shard 1 again: its listing says nothing of shard 2's clusters, and one of its own is gone.
      const [gone, ...kept] = OF_SHARD[0];
      const summary = await store.applySync(run(2 * MINUTE, shard(0), { listings: kept.map(s => listing(s)) }));
      expect(summary).toMatchObject({ tombstoned: 1, unchanged: kept.length });
      expect((await pool(gone))?.tombstonedAt).toBe(at(2 * MINUTE));
      for (const scope of OF_SHARD[1]) expect((await pool(scope))?.tombstonedAt).toBeUndefined();
    });

    it('keeps the failing scopes and the staleness of each shard apart', async () => {
      const [failing, ...healthy] = OF_SHARD[1];
      await store.applySync(run(0, shard(0), { listings: OF_SHARD[0].map(s => listing(s)) }));
      await store.applySync(run(0, shard(1), { listings: OF_SHARD[1].map(s => listing(s)) }));
      await store.applySync(
        run(MINUTE, shard(1), {
          listings: [listing(failing, { complete: false, pools: [], error: 'HTTP 503' }), ...healthy.map(s => listing(s))],
        }),
      );
      // Shard 1 lists all of its own: shard 2's failing scope stays failing.
      await store.applySync(run(2 * MINUTE, shard(0), { listings: OF_SHARD[0].map(s => listing(s)) }));
      expect(await pool(failing)).toMatchObject({ stale: true, staleReason: 'HTTP 503', lastSeenAt: at(0) });
      expect(await pool(healthy[0] ?? OF_SHARD[0][0])).toMatchObject({ stale: false });

      // Shard 2 cannot even enumerate: its pools are stale, shard 1's are not.
      await store.applySync(run(3 * MINUTE, shard(1), { error: 'AccessDenied' }));
      for (const scope of healthy) {
        expect(await pool(scope)).toMatchObject({ stale: true, staleReason: 'AccessDenied', lastSeenAt: at(MINUTE) });
      }
      for (const scope of OF_SHARD[0]) {
        expect(await pool(scope)).toMatchObject({ stale: false, lastSeenAt: at(2 * MINUTE) });
      }

      const [source] = await store.listSources();
      expect(source).toMatchObject({ id: 'fleet', status: 'partial', lastSuccessAt: at(MINUTE), lastRunAt: at(3 * MINUTE) });
      expect(source.error).toBe('shard 2/2: AccessDenied');
      expect(source.shards).toEqual([
        { shard: '1/2', status: 'ok', lastRunAt: at(2 * MINUTE), lastSuccessAt: at(2 * MINUTE), durationMs: 0 },
        { shard: '2/2', status: 'error', lastRunAt: at(3 * MINUTE), lastSuccessAt: at(MINUTE), durationMs: 0, error: 'AccessDenied' },
      ]);

      // Each shard ages by its own last complete listing.
      await store.applySync(run(4 * MINUTE, shard(1), { listings: OF_SHARD[1].map(s => listing(s)) }));
      now = T0 + 2 * MINUTE + 15 * MINUTE + 1;
      expect(await pool(OF_SHARD[0][0])).toMatchObject({ stale: true, staleReason: `not refreshed since ${at(2 * MINUTE)}` });
      expect(await pool(OF_SHARD[1][0])).toMatchObject({ stale: false, lastSeenAt: at(4 * MINUTE) });
    });

    it('moves pools to the shards of a new count, and forgets the old shards once none lists a pool', async () => {
      await store.applySync(run(0, shard(0), { listings: OF_SHARD[0].map(s => listing(s)) }));
      await store.applySync(run(0, shard(1), { listings: OF_SHARD[1].map(s => listing(s)) }));
      const before = await store.listPoolsJson({});
      for (const index of [0, 1, 2]) {
        const mine = SCOPES.filter(scope => shardOfScope(scope, 3) === index);
        const summary = await store.applySync(run(MINUTE, shard(index, 3), { listings: mine.map(s => listing(s)) }));
        expect(summary).toMatchObject({ tombstoned: 0, created: 0 });
      }
      expect((await live()).filter(p => !p.stale)).toHaveLength(SCOPES.length);
      expect((await store.listSources())[0].shards?.map(s => s.shard)).toEqual(['1/3', '2/3', '3/3']);
      // Pools moved shard: the listing's tag moved with them.
      expect((await store.listPoolsJson({})).etag).not.toBe(before.etag);
    });
  });
});
