import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import { preparePool } from '../../inventory/preparePool';
import { makePoolSpec } from '../../testing/makePoolSpec';
import { createStoresFromKnex, type Stores } from '../createStores';
import { HistoryGoneError } from './ChangeFeed';
import { lockHistoryOrder } from './historyOrder';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };

function syncOf(sourceId: string, at: string, pools: PoolSpec[]) {
  return {
    source: { id: sourceId, kind: 'file', target: sourceId },
    startedAt: at,
    finishedAt: at,
    outcome: {
      listings: [
        { scope: `file:${sourceId}`, complete: true, pools: pools.map(p => preparePool(p, ownership)) },
      ],
    },
  };
}

const general = makePoolSpec();
const spot = makePoolSpec({ name: 'spot', capacityType: 'spot' });
const REF = 'eks/111122223333/eu-west-1/payments-prod';

describe('the change feed', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([['POSTGRES_17'], ['SQLITE_3']]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let stores: Stores;

    beforeEach(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex);
    });

    it('lists creations, updates and tombstones after a cursor, oldest first', async () => {
      const start = await stores.feed.listChanges(undefined, 100);
      expect(start).toEqual({ items: [], latest: 0 });

      await stores.pools.applySync(syncOf('files', '2026-11-01T10:00:00.000Z', [general, spot]));
      const created = await stores.feed.listChanges(start.latest, 100);
      expect(created.items.map(({ ref, event }) => [ref, event])).toEqual([
        [`${REF}/general`, 'created'],
        [`${REF}/spot`, 'created'],
      ]);
      expect(created.latest).toBe(created.items[1].id);

      await stores.pools.applySync(
        syncOf('files', '2026-11-01T10:05:00.000Z', [makePoolSpec({ nodeCount: 5 })]),
      );
      const changed = await stores.feed.listChanges(created.latest, 100);
      expect(changed.items.map(({ ref, event }) => [ref, event])).toEqual([
        [`${REF}/general`, 'updated'],
        [`${REF}/spot`, 'tombstoned'],
      ]);
      expect(changed.items[0].id).toBeGreaterThan(created.latest);
      // Caught up: nothing after the newest id.
      expect(await stores.feed.listChanges(changed.latest, 100)).toEqual({
        items: [],
        latest: changed.latest,
      });
    });

    it('pages by limit, each page after the last id of the one before', async () => {
      await stores.pools.applySync(
        syncOf(
          'files',
          '2026-11-01T10:00:00.000Z',
          Array.from({ length: 5 }, (_, i) => makePoolSpec({ name: `pool-${i}` })),
        ),
      );
      const seen: string[] = [];
      let after = 0;
      for (;;) {
        const page = await stores.feed.listChanges(after, 2);
        if (!page.items.length) break;
        seen.push(...page.items.map(item => item.ref.split('/').pop()!));
        after = page.items[page.items.length - 1].id;
      }
      expect(seen).toEqual(['pool-0', 'pool-1', 'pool-2', 'pool-3', 'pool-4']);
    });

    it('tells a reader behind the pruned history, or ahead of it, to read everything again', async () => {
      await stores.pools.applySync(syncOf('files', '2026-11-01T10:00:00.000Z', [general]));
      const first = await stores.feed.listChanges(0, 100);
      await stores.pools.applySync(syncOf('files', '2026-11-02T10:00:00.000Z', [general, spot]));

      expect(await stores.pools.pruneHistory('2026-11-02T00:00:00.000Z')).toBe(1);
      // A reader at the pruned row saw it: it goes on.
      const after = await stores.feed.listChanges(first.latest, 100);
      expect(after.items.map(item => item.event)).toEqual(['created']);
      // A reader from before it missed it.
      await expect(stores.feed.listChanges(0, 100)).rejects.toThrow(
        new HistoryGoneError(
          `changes after 0 are no longer kept (history is pruned through ${first.latest}): read every pool again`,
        ),
      );
      await expect(stores.feed.listChanges(after.latest + 100, 100)).rejects.toThrow(
        `the history has no id ${after.latest + 100}`,
      );

      // Everything pruned: the horizon still tells who is behind.
      await stores.pools.pruneHistory('2026-11-03T00:00:00.000Z');
      expect(await stores.feed.listChanges(undefined, 100)).toEqual({ items: [], latest: after.latest });
      await expect(stores.feed.listChanges(first.latest, 100)).rejects.toBeInstanceOf(HistoryGoneError);
      expect(await stores.feed.listChanges(after.latest, 100)).toEqual({ items: [], latest: after.latest });
    });

    it('lists the tombstones of a retired source', async () => {
      await stores.pools.applySync(syncOf('old', '2026-11-01T10:00:00.000Z', [general]));
      const { latest } = await stores.feed.listChanges(undefined, 100);
      await stores.pools.markRemovedSources([], '2026-11-01T11:00:00.000Z');
      await stores.pools.retireRemovedSources('2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z');
      const changes = await stores.feed.listChanges(latest, 100);
      expect(changes.items.map(({ ref, event }) => [ref, event])).toEqual([
        [`${REF}/general`, 'tombstoned'],
      ]);
    });
  });
});

describe('history ids on PostgreSQL', () => {
  /** Waits until a transaction is queued on the history lock. */
  async function waitForLockWaiter(knex: Knex) {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await knex.raw(
        "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
      );
      if (rows[0].n > 0) return;
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    throw new Error('no transaction ever waited for the history lock');
  }

  it('are handed out in commit order: a later writer waits for the earlier one to commit', async () => {
    const knex = await databases.init('POSTGRES_17');
    await createStoresFromKnex(knex);
    const insert = (tx: Knex.Transaction, ref: string) =>
      tx('nodepools_history')
        .insert({ ref, event: 'created', source: 's', at: '2026-11-01T10:00:00.000Z', changes: '[]' })
        .returning('id');

    const first = await knex.transaction();
    await lockHistoryOrder(first);
    const [firstRow] = await insert(first, 'first');
    const committed: string[] = [];
    const second = knex.transaction(async tx => {
      await lockHistoryOrder(tx);
      const [row] = await insert(tx, 'second');
      return row;
    }).then(row => {
      committed.push('second');
      return row;
    });
    await waitForLockWaiter(knex);
    // The second writer has not committed; a reader sees neither row yet.
    expect(committed).toEqual([]);
    expect(await knex('nodepools_history').count({ n: '*' })).toEqual([{ n: '0' }]);
    await first.commit();
    committed.push('first');
    const secondRow = await second;

    expect(committed).toEqual(['first', 'second']);
    expect(Number(secondRow.id)).toBeGreaterThan(Number(firstRow.id));
  });
});
