import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_OWNER_KEYS, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import { createStoresFromKnex } from '../store/createStores';
import type { PoolStore } from '../store/PoolStore';
import { makePoolSpec } from '../testing/makePoolSpec';
import { readStalenessConfig, staleAfterMs } from './freshness';
import { preparePool } from './preparePool';
import { readRemovedSourcesGracePeriod, retireRemovedSources } from './removedSources';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const logger = mockServices.logger.mock();
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

async function sync(
  store: PoolStore,
  id: string,
  pools: PoolSpec[],
  options: { at?: number; staleAfterMs?: number; error?: string } = {},
) {
  const when = at(options.at ?? 0);
  await store.applySync({
    source: { id, kind: 'file', target: id },
    startedAt: when,
    finishedAt: when,
    ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
    outcome: {
      listings: [
        {
          scope: `file:${id}.json`,
          complete: !options.error,
          pools: pools.map(p => preparePool(p, ownership)),
          ...(options.error ? { error: options.error } : {}),
        },
      ],
    },
  });
}

describe('pools that age', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let now = T0;
    let store: PoolStore;
    const legacy = makePoolSpec({ cluster: 'legacy', name: 'general' });
    const current = makePoolSpec({ cluster: 'current', name: 'general' });

    beforeEach(async () => {
      now = T0;
      const knex = await databases.init(databaseId as TestDatabaseId);
      store = (await createStoresFromKnex(knex, { now: () => new Date(now) })).pools;
    });

    const retire = (configuredIds: string[]) =>
      retireRemovedSources({ store, configuredIds, gracePeriodMs: DAY, logger, now: new Date(now) });
    const pool = async (spec: PoolSpec) => store.getPool(preparePool(spec, ownership).ref);

    it('tombstones the pools of a source removed from config only after the grace period', async () => {
      await sync(store, 'old', [legacy]);
      await sync(store, 'kept', [current]);

      now = T0 + HOUR;
      await retire(['kept']);
      expect(await store.listSources()).toEqual([
        expect.objectContaining({ id: 'kept', status: 'ok' }),
        expect.objectContaining({ id: 'old', status: 'removed', removedAt: at(HOUR), poolCount: 1 }),
      ]);
      expect(await pool(legacy)).toMatchObject({
        stale: true,
        staleReason: "source 'old' is no longer configured",
      });
      expect((await pool(legacy))?.tombstonedAt).toBeUndefined();

      // Still inside the grace period, counted from when it was first missed.
      now = T0 + HOUR + DAY - 1;
      await retire(['kept']);
      expect((await pool(legacy))?.tombstonedAt).toBeUndefined();

      now = T0 + HOUR + DAY;
      await retire(['kept']);
      expect((await pool(legacy))?.tombstonedAt).toBe(at(HOUR + DAY));
      expect((await store.getHistory(preparePool(legacy, ownership).ref)).map(h => [h.event, h.source])).toEqual([
        ['tombstoned', 'old'],
        ['created', 'old'],
      ]);
      expect((await store.listSources()).map(s => s.id)).toEqual(['kept']);
      expect((await pool(current))?.tombstonedAt).toBeUndefined();
      expect((await store.listPools({})).items.map(p => p.cluster)).toEqual(['current']);
    });

    it('keeps the pools of a source configured again, and of sources it never ran', async () => {
      await sync(store, 'old', [legacy]);
      now = T0 + HOUR;
      await retire([]);
      expect((await store.listSources())[0].status).toBe('removed');

      now = T0 + 2 * HOUR;
      await retire(['old', 'never-ran']);
      expect((await store.listSources())[0]).toMatchObject({ id: 'old', status: 'ok' });
      expect((await store.listSources())[0].removedAt).toBeUndefined();

      now = T0 + 3 * DAY;
      await retire(['old']);
      expect((await pool(legacy))?.tombstonedAt).toBeUndefined();
      expect(await store.listSources()).toHaveLength(1);
    });

    it('marks a pool stale once its scope has not been listed in full for longer than its source allows', async () => {
      const allowed = 15 * 60 * 1000;
      await sync(store, 'files', [current], { staleAfterMs: allowed });

      now = T0 + allowed;
      expect(await pool(current)).toMatchObject({ stale: false, lastSeenAt: at(0) });

      // No run since, whatever the reason: a stopped scheduler writes nothing.
      now = T0 + allowed + 1;
      expect(await pool(current)).toMatchObject({
        stale: true,
        staleReason: `not refreshed since ${at(0)}`,
        lastSeenAt: at(0),
      });
      expect((await store.listPools({})).items[0].staleReason).toBe(`not refreshed since ${at(0)}`);

      // A failing scope says why it is stale, and keeps its last complete listing.
      await sync(store, 'files', [], { at: allowed + 2, staleAfterMs: allowed, error: 'file not found' });
      expect(await pool(current)).toMatchObject({ stale: true, staleReason: 'file not found', lastSeenAt: at(0) });

      // A complete listing makes it fresh again.
      now = T0 + allowed + 3;
      await sync(store, 'files', [current], { at: allowed + 3, staleAfterMs: allowed });
      expect(await pool(current)).toMatchObject({ stale: false, lastSeenAt: at(allowed + 3) });
    });
  });
});

describe('aging configuration', () => {
  const schedule = { frequency: { minutes: 5 }, timeout: { minutes: 1 } };

  it('allows three periods of the schedule by default, or what is configured', () => {
    expect(staleAfterMs(schedule, readStalenessConfig(new ConfigReader({})))).toBe(15 * 60 * 1000);
    expect(
      staleAfterMs(schedule, readStalenessConfig(new ConfigReader({ nodepools: { staleness: { missedRuns: 6 } } }))),
    ).toBe(30 * 60 * 1000);
    expect(
      staleAfterMs(schedule, readStalenessConfig(new ConfigReader({ nodepools: { staleness: { after: '2h' } } }))),
    ).toBe(2 * HOUR);
    expect(
      staleAfterMs({ frequency: { cron: '0 * * * *' }, timeout: { minutes: 1 } }, readStalenessConfig(new ConfigReader({}))),
    ).toBe(DAY);
  });

  it('reads the grace period as a Backstage duration, one day by default', () => {
    expect(readRemovedSourcesGracePeriod(new ConfigReader({}))).toBe(DAY);
    expect(readRemovedSourcesGracePeriod(new ConfigReader({ nodepools: { removedSources: { gracePeriod: { hours: 6 } } } }))).toBe(6 * HOUR);
    expect(readRemovedSourcesGracePeriod(new ConfigReader({ nodepools: { removedSources: { gracePeriod: 'P2D' } } }))).toBe(2 * DAY);
  });

  it.each([
    [{ removedSources: { gracePeriod: 'soon' } }, "Invalid duration 'soon' in config at 'nodepools.removedSources.gracePeriod'"],
    [{ removedSources: { gracePeriod: { days: 0 } } }, "Invalid duration at 'nodepools.removedSources.gracePeriod'"],
    [{ staleness: { missedRuns: 0 } }, "Invalid number at 'nodepools.staleness.missedRuns'"],
  ])('refuses %j naming the key', (nodepools, message) => {
    const config = new ConfigReader({ nodepools });
    expect(() => {
      readRemovedSourcesGracePeriod(config);
      readStalenessConfig(config);
    }).toThrow(message);
  });
});
