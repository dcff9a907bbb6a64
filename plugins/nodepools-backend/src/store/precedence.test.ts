import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_OWNER_KEYS, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import knexFactory, { type Knex } from 'knex';
import { preparePool } from '../inventory/preparePool';
import { readSourcePriorities, sourcePriority } from '../inventory/precedence';
import { makePoolSpec } from '../testing/makePoolSpec';
import { createStoresFromKnex } from './createStores';
import type { PoolStore, SourceSync } from './PoolStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const priorities = readSourcePriorities(new ConfigReader({}));
const LIVE = { id: 'aws-prod', kind: 'eks', target: 'account 111122223333' };
const FILE = { id: 'files', kind: 'file', target: '1 file' };

/** The live EKS API's view of the node group, and an older export of it on disk. */
const live = makePoolSpec({ nodeCount: 5, autoscaling: { enabled: true, min: 2, max: 8 } });
const exported = makePoolSpec({ nodeCount: 3 });

function run(
  source: typeof LIVE,
  pools: PoolSpec[],
  minute: number,
  options: { priority?: number } = {},
): SourceSync {
  const at = new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();
  return {
    source,
    startedAt: at,
    finishedAt: at,
    priority: options.priority ?? sourcePriority(source, priorities),
    outcome: {
      listings: [{ scope: `${source.id}:scope`, complete: true, pools: pools.map(p => preparePool(p, ownership)) }],
    },
  };
}

const REF = preparePool(live, ownership).ref;

describe('one pool, two sources', () => {
  it('ranks live clouds over clusters over files, unless configured otherwise', () => {
    expect(sourcePriority(LIVE, priorities)).toBeGreaterThan(sourcePriority({ id: 'k', kind: 'kubernetes' }, priorities));
    expect(sourcePriority({ id: 'k', kind: 'karpenter' }, priorities)).toBeGreaterThan(sourcePriority(FILE, priorities));
    expect(sourcePriority({ id: 'cmdb', kind: 'cmdb' }, priorities)).toBe(sourcePriority(FILE, priorities));
    const configured = readSourcePriorities(new ConfigReader({ nodepools: { sourcePriorities: { files: 500 } } }));
    expect(sourcePriority(FILE, configured)).toBeGreaterThan(sourcePriority(LIVE, configured));
    expect(() =>
      readSourcePriorities(new ConfigReader({ nodepools: { sourcePriorities: { files: 1.5 } } })),
    ).toThrow("Invalid priority at 'nodepools.sourcePriorities.files': expected a whole number, got 1.5");
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let store: PoolStore;

    beforeEach(async () => {
      store = (await createStoresFromKnex(await databases.init(databaseId as TestDatabaseId))).pools;
    });

    it('lets A, B, A, B syncs over one pool write one history row', async () => {
      const summaries = [];
      summaries.push(await store.applySync(run(LIVE, [live], 0)));
      summaries.push(await store.applySync(run(FILE, [exported], 1)));
      summaries.push(await store.applySync(run(LIVE, [live], 2)));
      summaries.push(await store.applySync(run(FILE, [exported], 3)));
      expect(summaries.map(s => [s.created, s.updated, s.outranked, s.poolRowsWritten])).toEqual([
        [1, 0, 0, 3],
        [0, 0, 1, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 0],
      ]);
      expect(await store.getHistory(REF)).toEqual([
        expect.objectContaining({ event: 'created', source: LIVE.id }),
      ]);
      expect(await store.getPool(REF)).toMatchObject({ source: LIVE.id, nodeCount: 5 });
      // The file source counts only the pools it holds.
      expect((await store.listSources()).find(s => s.id === FILE.id)?.poolCount).toBe(0);
    });

    it('hands a pool over once to a source of higher priority, and back when it drops it', async () => {
      await store.applySync(run(FILE, [exported], 0));
      const taken = await store.applySync(run(LIVE, [live], 1));
      expect(taken).toMatchObject({ updated: 1, outranked: 0 });
      await store.applySync(run(FILE, [exported], 2));
      await store.applySync(run(LIVE, [live], 3));
      expect((await store.getHistory(REF)).map(h => [h.event, h.source])).toEqual([
        ['updated', LIVE.id],
        ['created', FILE.id],
      ]);

      // The live cloud no longer has the node group: the file's copy may bring it back.
      await store.applySync(run(LIVE, [], 4));
      const revived = await store.applySync(run(FILE, [exported], 5));
      expect(revived).toMatchObject({ revived: 1 });
      expect(await store.getPool(REF)).toMatchObject({ source: FILE.id, nodeCount: 3 });
    });

    it("keeps a live cluster's node roll-up over a saved snapshot's", async () => {
      await store.applySync(run(LIVE, [live], 0));
      const clusterSource = { id: 'kubernetes', kind: 'kubernetes', target: '1 cluster' };
      const snapshotSource = { id: 'triage-files', kind: 'file', target: 'saved nodes of 1 cluster' };
      // Each observing source records its run (and so its priority) before its roll-ups.
      await store.applySync(run(clusterSource, [], 1));
      await store.applySync(run(snapshotSource, [], 1));
      const nodes = (nodeCount: number) => ({
        nodeCount,
        readyCount: nodeCount,
        kubeletVersions: [],
        osImages: [],
        zones: [],
        allocatable: {},
        requested: {},
        observedAt: '2026-11-01T10:01:00.000Z',
      });
      const update = (nodeCount: number) => [
        {
          scope: 'payments',
          complete: true,
          cluster: { provider: 'kubernetes' as const, cluster: live.cluster },
          entries: [{ ref: REF, observed: nodes(nodeCount) }],
        },
      ];
      expect(await store.applyObserved(snapshotSource.id, update(4))).toBe(1);
      expect(await store.applyObserved(clusterSource.id, update(5))).toBe(1);
      expect(await store.applyObserved(snapshotSource.id, update(4))).toBe(0);
      expect((await store.getPool(REF))?.observed?.nodeCount).toBe(5);
    });

    it('leaves a pool with its holder between sources of equal priority', async () => {
      const other = { id: 'aws-audit', kind: 'eks', target: 'account 111122223333 (audit role)' };
      await store.applySync(run(LIVE, [live], 0));
      const second = await store.applySync(run(other, [exported], 1));
      expect(second).toMatchObject({ outranked: 1, poolRowsWritten: 0 });
      expect(await store.getPool(REF)).toMatchObject({ source: LIVE.id });
    });
  });
});

describe('two replicas inserting the same new pool at once', () => {
  it('both finish their sync on PostgreSQL, and the pool is created once', async () => {
    const first = await databases.init('POSTGRES_17');
    // A second client with its own connections, as another backend replica has.
    const second: Knex = knexFactory({ ...first.client.config });
    try {
      const a = (await createStoresFromKnex(first)).pools;
      const b = (await createStoresFromKnex(second)).pools;
      const sync = run(LIVE, [live], 0);

      // Both syncs get past their reads before either commits: history is locked until both wait.
      const lock = await first.transaction();
      await lock.raw('lock table nodepools_history in exclusive mode');
      const runs = Promise.allSettled([a.applySync(sync), b.applySync(sync)]);
      for (let waiting = 0, tries = 0; waiting < 2; tries++) {
        if (tries === 400) throw new Error('The two syncs never both waited on a lock');
        await new Promise(resolve => setTimeout(resolve, 50));
        const [row] = (
          await first.raw(
            "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
          )
        ).rows;
        waiting = row.n;
      }
      await lock.commit();

      const results = await runs;
      expect(results.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const summaries = results.map(r => (r as PromiseFulfilledResult<{ created: number; unchanged: number }>).value);
      expect(summaries.map(s => s.created).sort()).toEqual([0, 1]);
      expect(summaries.map(s => s.unchanged).sort()).toEqual([0, 1]);
      expect(await a.getHistory(REF)).toEqual([expect.objectContaining({ event: 'created' })]);
      expect((await b.listPools({})).totalCount).toBe(1);
    } finally {
      await second.destroy();
    }
  });
});
