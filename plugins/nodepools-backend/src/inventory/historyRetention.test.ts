import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_OWNER_KEYS, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import { createStoresFromKnex } from '../store/createStores';
import type { PoolStore } from '../store/PoolStore';
import { makePoolSpec } from '../testing/makePoolSpec';
import { pruneHistory, readHistoryRetention } from './historyRetention';
import { preparePool } from './preparePool';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const logger = mockServices.logger.mock();
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

async function syncAt(store: PoolStore, day: number, pools: PoolSpec[]) {
  const at = new Date(T0 + day * DAY).toISOString();
  await store.applySync({
    source: { id: 'files', kind: 'file', target: '1 file' },
    startedAt: at,
    finishedAt: at,
    outcome: { listings: [{ scope: 'file:a.json', complete: true, pools: pools.map(p => preparePool(p, ownership)) }] },
  });
}

describe('history retention', () => {
  it('keeps 400 days by default, pruned hourly, both configurable', () => {
    expect(readHistoryRetention(new ConfigReader({}))).toEqual({
      retentionMs: 400 * DAY,
      schedule: expect.objectContaining({ frequency: { hours: 1 } }),
    });
    const configured = readHistoryRetention(
      new ConfigReader({
        nodepools: {
          history: {
            retention: { days: 30 },
            schedule: { frequency: { hours: 6 }, timeout: { minutes: 5 } },
          },
        },
      }),
    );
    expect(configured.retentionMs).toBe(30 * DAY);
    expect(configured.schedule.frequency).toEqual({ hours: 6 });
  });

  it.each(databases.eachSupportedId())('deletes only the rows older than the retention, on %p', async databaseId => {
    const store = (await createStoresFromKnex(await databases.init(databaseId as TestDatabaseId))).pools;
    const pool = makePoolSpec();
    const ref = preparePool(pool, ownership).ref;
    await syncAt(store, 0, [pool]);
    await syncAt(store, 10, [makePoolSpec({ nodeCount: 4 })]);
    await syncAt(store, 20, []);
    expect((await store.getHistory(ref)).map(h => h.event)).toEqual(['tombstoned', 'updated', 'created']);

    const pruned = await pruneHistory({ store, retentionMs: 20 * DAY, logger, now: new Date(T0 + 26 * DAY) });
    expect(pruned).toBe(1);
    expect((await store.getHistory(ref)).map(h => h.event)).toEqual(['tombstoned', 'updated']);
    expect(await pruneHistory({ store, retentionMs: 20 * DAY, logger, now: new Date(T0 + 26 * DAY) })).toBe(0);
  });
});
