import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { makePoolSpec } from '../testing/makePoolSpec';
import { createStoresFromKnex } from './createStores';
import type { PoolStore } from './PoolStore';
import type { PreparedListing, SourceSync } from './PoolStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const SOURCE = { id: 'files', kind: 'file', target: '2 files' };

function listing(
  scope: string,
  pools: PoolSpec[],
  extra: Partial<PreparedListing> = {},
): PreparedListing {
  return {
    scope,
    complete: true,
    pools: pools.map(p => preparePool(p, ownership)),
    ...extra,
  };
}

function sync(at: string, outcome: SourceSync['outcome']): SourceSync {
  return { source: SOURCE, startedAt: at, finishedAt: at, outcome };
}

const T1 = '2026-11-01T10:00:00.000Z';
const T2 = '2026-11-01T10:05:00.000Z';
const T3 = '2026-11-01T10:10:00.000Z';

describe('DatabasePoolStore', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([
      ['POSTGRES_17'],
      ['SQLITE_3'],
    ]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let store: PoolStore;
    const general = makePoolSpec();
    const spot = makePoolSpec({
      name: 'spot-batch',
      capacityType: 'spot',
      taints: [{ key: 'spot', value: 'true', effect: 'NoSchedule' }],
      tags: {},
    });
    const gke = makePoolSpec({
      provider: 'gke',
      account: 'search-prod',
      region: 'us-central1',
      cluster: 'search',
      name: 'default-pool',
      machineTypes: ['e2-standard-4'],
      tags: { team: 'team-search' },
    });

    beforeEach(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      store = (await createStoresFromKnex(knex)).pools;
    });

    it('creates pools on a first sync and writes nothing on an unchanged resync', async () => {
      const first = await store.applySync(
        sync(T1, {
          listings: [listing('file:a.json', [general, spot]), listing('file:b.json', [gke])],
        }),
      );
      expect(first).toMatchObject({ created: 3, poolRowsWritten: 9 });

      const again = await store.applySync(
        sync(T2, {
          listings: [listing('file:a.json', [general, spot]), listing('file:b.json', [gke])],
        }),
      );
      expect(again).toEqual({
        created: 0,
        updated: 0,
        revived: 0,
        tombstoned: 0,
        unchanged: 3,
        outranked: 0,
        poolRowsWritten: 0,
      });

      const page = await store.listPools({});
      expect(page.totalCount).toBe(3);
      expect(page.items.map(p => p.name)).toEqual(['default-pool', 'general', 'spot-batch']);
      const payments = page.items.find(p => p.name === 'general')!;
      expect(payments).toMatchObject({
        ref: 'eks/111122223333/eu-west-1/payments-prod/general',
        owner: 'group:default/team-payments',
        ownerSource: 'tag',
        source: 'files',
        lastSeenAt: T2,
        stale: false,
      });
      // A list item carries what a card shows; the pool page reads the rest.
      expect(payments).not.toHaveProperty('raw');
      expect(payments).not.toHaveProperty('labels');
      expect(await store.getPool(payments.ref)).toMatchObject({ firstSeenAt: T1, labels: { workload: 'general' } });
      const history = await store.getHistory(payments.ref);
      expect(history.map(h => h.event)).toEqual(['created']);
    });

    it('records field-level changes in history', async () => {
      await store.applySync(sync(T1, { listings: [listing('file:a.json', [general])] }));
      const changed = makePoolSpec({
        autoscaling: { enabled: true, min: 2, max: 10 },
        labels: { workload: 'general', tier: 'gold' },
      });
      const summary = await store.applySync(
        sync(T2, { listings: [listing('file:a.json', [changed])] }),
      );
      expect(summary).toMatchObject({ updated: 1, poolRowsWritten: 3 });
      const [latest] = await store.getHistory(
        'eks/111122223333/eu-west-1/payments-prod/general',
      );
      expect(latest).toMatchObject({ event: 'updated', source: 'files', at: T2 });
      expect(latest.changes).toEqual([
        { field: 'autoscaling.max', before: 6, after: 10 },
        { field: 'labels.tier', after: 'gold' },
      ]);
      const pool = await store.getPool('eks/111122223333/eu-west-1/payments-prod/general');
      expect(pool?.autoscaling.max).toBe(10);
      expect(pool?.raw).toEqual({ nodegroupName: 'general', status: 'ACTIVE' });
    });

    it('tombstones a pool only when a complete listing of its scope lacks it', async () => {
      await store.applySync(
        sync(T1, { listings: [listing('file:a.json', [general, spot]), listing('file:b.json', [gke])] }),
      );
      // b.json failed: its pool is kept and marked stale, a.json is complete without spot.
      const summary = await store.applySync(
        sync(T2, {
          listings: [
            listing('file:a.json', [general]),
            listing('file:b.json', [], {
              complete: false,
              error: "b.json: item 0: field 'name': required",
            }),
          ],
        }),
      );
      expect(summary).toMatchObject({ tombstoned: 1, unchanged: 1 });

      const live = await store.listPools({});
      expect(live.items.map(p => p.name)).toEqual(['default-pool', 'general']);
      const stale = live.items.find(p => p.name === 'default-pool')!;
      expect(stale).toMatchObject({
        stale: true,
        staleReason: "b.json: item 0: field 'name': required",
        lastSeenAt: T1,
      });
      expect(live.items.find(p => p.name === 'general')).toMatchObject({
        stale: false,
        lastSeenAt: T2,
      });

      const all = await store.listPools({ includeTombstoned: true });
      expect(all.items.find(p => p.name === 'spot-batch')?.tombstonedAt).toBe(T2);
      const history = await store.getHistory(
        'eks/111122223333/eu-west-1/payments-prod/spot-batch',
      );
      expect(history.map(h => h.event)).toEqual(['tombstoned', 'created']);

      const [source] = await store.listSources();
      expect(source).toMatchObject({ id: 'files', status: 'partial', poolCount: 2 });

      // b.json recovers: its pool is fresh again; spot comes back and is revived.
      await store.applySync(
        sync(T3, {
          listings: [listing('file:a.json', [general, spot]), listing('file:b.json', [gke])],
        }),
      );
      const recovered = await store.listPools({});
      expect(recovered.items.every(p => !p.stale)).toBe(true);
      expect(recovered.totalCount).toBe(3);
      const spotHistory = await store.getHistory(
        'eks/111122223333/eu-west-1/payments-prod/spot-batch',
      );
      expect(spotHistory[0].event).toBe('revived');
    });

    it('keeps every pool, stale, when the whole source fails', async () => {
      await store.applySync(sync(T1, { listings: [listing('file:a.json', [general, spot])] }));
      const summary = await store.applySync(sync(T2, { error: 'Error: listing failed' }));
      expect(summary.poolRowsWritten).toBe(0);
      const page = await store.listPools({});
      expect(page.totalCount).toBe(2);
      expect(page.items.every(p => p.stale && p.staleReason === 'Error: listing failed')).toBe(true);
      const [source] = await store.listSources();
      expect(source).toMatchObject({
        status: 'error',
        error: 'Error: listing failed',
        lastRunAt: T2,
        lastSuccessAt: T1,
        poolCount: 2,
      });
    });

    it('filters, searches, sorts and pages with a cursor', async () => {
      const many = Array.from({ length: 23 }, (_, i) =>
        makePoolSpec({
          name: `pool-${String(i).padStart(2, '0')}`,
          nodeCount: i % 5,
          capacityType: i % 3 === 0 ? 'spot' : 'on-demand',
          tags: i % 4 === 0 ? {} : { owner: i % 2 ? 'team-a' : 'team-b' },
        }),
      );
      await store.applySync(sync(T1, { listings: [listing('file:a.json', [...many, gke])] }));

      expect((await store.listPools({ provider: ['gke'] })).items.map(p => p.name)).toEqual([
        'default-pool',
      ]);
      const spots = await store.listPools({ capacityType: ['spot'] });
      expect(spots.totalCount).toBe(8);
      expect((await store.listPools({ owner: ['(none)'] })).totalCount).toBe(6);
      expect((await store.listPools({ q: 'POOL-1' })).totalCount).toBe(10);
      expect((await store.listPools({ q: 'team-search us-central1' })).items).toHaveLength(1);
      expect((await store.listPools({ q: '50%_' })).totalCount).toBe(0);

      const nodeCounts = async (refs: string[]) =>
        (await Promise.all(refs.map(ref => store.getPool(ref)))).map(p => p!.nodeCount!);
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listPools({ sort: 'nodeCount', order, limit: 5, cursor });
          expect(page.totalCount).toBe(24);
          seen.push(...page.items.map(p => p.ref));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(24);
        expect(new Set(seen).size).toBe(24);
        const counts = await nodeCounts(seen);
        const sorted = [...counts].sort((a, b) => (order === 'asc' ? a - b : b - a));
        expect(counts).toEqual(sorted);
      }
    });

    it('answers facets and cluster summaries over live pools', async () => {
      await store.applySync(sync(T1, { listings: [listing('file:a.json', [general, spot, gke])] }));
      expect(await store.getFacets()).toEqual({
        provider: ['eks', 'gke'],
        cluster: ['payments-prod', 'search'],
        region: ['eu-west-1', 'us-central1'],
        owner: ['group:default/team-payments', 'group:default/team-search'],
        mode: ['user'],
        capacityType: ['on-demand', 'spot'],
      });
      expect(await store.listClusters()).toEqual([
        { ref: 'eks/111122223333/eu-west-1/payments-prod', provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod', poolCount: 2, nodeCount: 6 },
        { ref: 'gke/search-prod/us-central1/search', provider: 'gke', account: 'search-prod', region: 'us-central1', cluster: 'search', poolCount: 1, nodeCount: 3 },
      ]);
    });
  });
});
