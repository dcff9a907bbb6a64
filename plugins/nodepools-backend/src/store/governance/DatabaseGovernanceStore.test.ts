import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  COST_GROUP_BY,
  DEFAULT_OWNER_KEYS,
  rollupCosts,
  type DailyOwnerRollup,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../../inventory/preparePool';
import { makePoolSpec } from '../../testing/makePoolSpec';
import { createStoresFromKnex, type Stores } from '../createStores';
import type { EvaluatedPool, GovernanceRun } from '../GovernanceStore';
import { makeFinding, makePoolGovernance } from './__testUtils__/documents';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const CLUSTER = 'eks/111122223333/eu-west-1/payments-prod';
const GENERAL = `${CLUSTER}/general`;
const BATCH = `${CLUSTER}/batch`;
const PAYMENTS = 'group:default/team-payments';
const DATA = 'group:default/team-data';

const evaluated = (ref: string, owner = PAYMENTS, lastWorkloadAt: string | null = null): EvaluatedPool => ({
  document: makePoolGovernance(ref, { owner }),
  lastWorkloadAt,
});

function rollup(day: string, owner: string, pools: number): DailyOwnerRollup {
  return {
    day,
    owner,
    pools,
    nodes: pools * 3,
    monthlyCost: pools * 420.5,
    idleMonthly: pools * 100.25,
    requestedCpu: 4,
    allocatableCpu: 11.6,
    requestedMemory: 8e9,
    allocatableMemory: 45e9,
  };
}

describe('DatabaseGovernanceStore', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([['POSTGRES_17'], ['SQLITE_3']]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let stores: Stores;
    let clock: Date;
    const at = () => clock.toISOString();
    const tick = (minutes: number) => {
      clock = new Date(clock.getTime() + minutes * 60_000);
    };

    async function syncPools(pools: PoolSpec[]) {
      await stores.pools.applySync({
        source: { id: 'files', kind: 'file', target: '1 file' },
        startedAt: at(),
        finishedAt: at(),
        outcome: { listings: [{ scope: 'file:pools.json', complete: true, pools: pools.map(p => preparePool(p, ownership)) }] },
      });
    }

    const apply = (run: Omit<GovernanceRun, 'at'>) => stores.governance.applyEvaluation({ at: at(), ...run });

    beforeEach(async () => {
      clock = new Date('2026-12-03T10:00:00.000Z');
      const knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex, { now: () => clock });
    });

    it('writes only what changed: an unchanged evaluation writes no row', async () => {
      const run = {
        findings: [makeFinding('no-owner', GENERAL), makeFinding('fixed-size', BATCH, { severity: 'low' })],
        pools: [evaluated(GENERAL), evaluated(BATCH, DATA)],
        daily: [rollup('2026-12-03', PAYMENTS, 1), rollup('2026-12-03', DATA, 1)],
      };
      expect(await apply(run)).toEqual({
        created: 2,
        changed: 0,
        reopened: 0,
        resolved: 0,
        unchanged: 0,
        poolsWritten: 2,
        poolsRemoved: 0,
        dailyWritten: 2,
        rowsWritten: 6,
      });
      tick(30);
      expect(await apply(run)).toMatchObject({ created: 0, unchanged: 2, poolsWritten: 0, dailyWritten: 0, rowsWritten: 0 });
      expect(await stores.governance.evaluatedAt()).toBe('2026-12-03T10:30:00.000Z');

      // One changed finding, one changed document, one changed roll-up: three rows.
      tick(30);
      const changed = await apply({
        findings: [makeFinding('no-owner', GENERAL, { message: 'changed' }), run.findings[1]],
        pools: [evaluated(GENERAL), { document: makePoolGovernance(BATCH, { owner: DATA, findings: 1 }), lastWorkloadAt: null }],
        daily: [rollup('2026-12-03', PAYMENTS, 1), rollup('2026-12-03', DATA, 2)],
      });
      expect(changed).toMatchObject({ changed: 1, unchanged: 1, poolsWritten: 1, dailyWritten: 1, rowsWritten: 3 });
      const [first] = (await stores.governance.listFindings({ rule: ['no-owner'] }, clock)).items;
      expect(first).toMatchObject({ message: 'changed', firstSeenAt: '2026-12-03T10:00:00.000Z', lastChangedAt: '2026-12-03T11:00:00.000Z' });
    });

    it('resolves findings that no longer hold and re-opens them without their acknowledgement', async () => {
      const finding = makeFinding('autoscaling-off', GENERAL);
      await apply({ findings: [finding], pools: [evaluated(GENERAL)] });
      tick(5);
      const acked = await stores.governance.acknowledge(finding.id, { by: 'user:default/ada', at: at(), reason: 'Batch window' }, clock);
      expect(acked?.acknowledgement).toEqual({ by: 'user:default/ada', at: '2026-12-03T10:05:00.000Z', reason: 'Batch window' });
      expect((await stores.governance.listFindings({}, clock)).totalCount).toBe(0);
      expect((await stores.governance.listFindings({ state: 'acknowledged' }, clock)).totalCount).toBe(1);

      tick(5);
      expect(await apply({ findings: [], pools: [evaluated(GENERAL)] })).toMatchObject({ resolved: 1, rowsWritten: 1 });
      const resolved = await stores.governance.getFinding(finding.id, clock);
      expect(resolved?.resolvedAt).toBe('2026-12-03T10:10:00.000Z');
      expect(await apply({ findings: [], pools: [evaluated(GENERAL)] })).toMatchObject({ resolved: 0, rowsWritten: 0 });

      tick(5);
      expect(await apply({ findings: [finding], pools: [evaluated(GENERAL)] })).toMatchObject({ reopened: 1, rowsWritten: 1 });
      const reopened = await stores.governance.getFinding(finding.id, clock);
      expect(reopened).toMatchObject({ firstSeenAt: '2026-12-03T10:00:00.000Z', lastChangedAt: '2026-12-03T10:15:00.000Z' });
      expect(reopened?.resolvedAt).toBeUndefined();
      expect(reopened?.acknowledgement).toBeUndefined();
      expect((await stores.governance.listFindings({ state: 'open' }, clock)).totalCount).toBe(1);
    });

    it('lets an acknowledgement lapse at its expiry', async () => {
      const finding = makeFinding('fixed-size', GENERAL);
      await apply({ findings: [finding], pools: [evaluated(GENERAL)] });
      await stores.governance.acknowledge(
        finding.id,
        { by: 'user:default/ada', at: at(), reason: 'Until the freeze ends', expiresAt: '2026-12-04T00:00:00.000Z' },
        clock,
      );
      expect((await stores.governance.summary(undefined, clock))).toMatchObject({ open: 0, acknowledged: 1 });
      clock = new Date('2026-12-04T00:00:01.000Z');
      const summary = await stores.governance.summary(undefined, clock);
      expect(summary).toMatchObject({ open: 1, acknowledged: 0, byRule: { 'fixed-size': 1 }, bySeverity: { medium: 1, high: 0, low: 0 } });
      expect((await stores.governance.getFinding(finding.id, clock))?.acknowledgement).toBeUndefined();
      expect(await stores.governance.acknowledge('gov-unknown', { by: 'x', at: at(), reason: 'r' }, clock)).toBeUndefined();
    });

    it('pages findings by severity, subject and id, with filters', async () => {
      const refs = Array.from({ length: 7 }, (_, i) => `${CLUSTER}/pool-${i}`);
      await apply({
        findings: [
          ...refs.map((ref, i) => makeFinding('fixed-size', ref, { severity: i % 2 ? 'low' : 'high', owner: i < 3 ? DATA : undefined })),
          makeFinding('version-skew', CLUSTER, { subject: { kind: 'cluster', ref: CLUSTER }, severity: 'medium' }),
        ],
        pools: refs.map(ref => evaluated(ref)),
      });
      const all = await stores.governance.allFindings({}, clock);
      expect(all.map(f => f.severity)).toEqual(['high', 'high', 'high', 'high', 'medium', 'low', 'low', 'low']);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await stores.governance.listFindings({ limit: 3, cursor }, clock);
        expect(page.totalCount).toBe(8);
        seen.push(...page.items.map(f => f.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map(f => f.id));
      expect((await stores.governance.listFindings({ owner: [DATA.toUpperCase()] }, clock)).totalCount).toBe(3);
      expect((await stores.governance.listFindings({ owner: ['-'] }, clock)).totalCount).toBe(4);
      expect((await stores.governance.listFindings({ severity: ['low'], pool: [refs[1], refs[2]] }, clock)).totalCount).toBe(1);
      expect((await stores.governance.listFindings({ rule: ['version-skew'], cluster: [CLUSTER] }, clock)).totalCount).toBe(1);
      expect((await stores.governance.listFindings({ cluster: ['payments-prod'] }, clock)).totalCount).toBe(8);
      expect((await stores.governance.listFindings({ cluster: ['other-cluster'] }, clock)).totalCount).toBe(0);
      await expect(stores.governance.listFindings({ cursor: 'bm90LWEtY3Vyc29y' }, clock)).rejects.toThrow('not a cursor');
    });

    it('keeps findings and documents of the pools a restriction keeps, and cluster findings of their clusters', async () => {
      await syncPools([makePoolSpec(), makePoolSpec({ name: 'batch', tags: { owner: 'team-data' } })]);
      const OTHER = 'gke/proj/europe-west1/other/main';
      await apply({
        findings: [
          makeFinding('no-owner', GENERAL),
          makeFinding('fixed-size', BATCH, { owner: DATA }),
          makeFinding('single-system-pool', CLUSTER, { subject: { kind: 'cluster', ref: CLUSTER }, owner: undefined }),
          makeFinding('single-system-pool', 'gke/proj/europe-west1/other', {
            subject: { kind: 'cluster', ref: 'gke/proj/europe-west1/other' },
            clusterRef: 'gke/proj/europe-west1/other',
          }),
        ],
        pools: [evaluated(GENERAL), evaluated(BATCH, DATA), evaluated(OTHER)],
      });
      const restrict = { owners: [DATA] };
      const visible = await stores.governance.allFindings({ restrict }, clock);
      expect(visible.map(f => f.subject.ref).sort()).toEqual([CLUSTER, BATCH].sort());
      expect((await stores.governance.summary(restrict, clock)).open).toBe(2);
      expect((await stores.governance.listPoolDocuments({ restrict })).map(p => p.ref)).toEqual([BATCH]);
      expect((await stores.governance.listPoolDocuments({})).map(p => p.ref)).toEqual([BATCH, GENERAL, OTHER]);
      expect((await stores.governance.listPoolDocuments({ owner: [PAYMENTS], provider: ['eks'] })).map(p => p.ref)).toEqual([GENERAL]);
      expect((await stores.governance.listPoolDocuments({ cluster: ['gke/proj/europe-west1/other'] })).map(p => p.ref)).toEqual([OTHER]);
    });

    it('replaces only the findings of the rules and pools a review evaluated again', async () => {
      await apply({
        findings: [
          makeFinding('unconfirmed-ownership', GENERAL),
          makeFinding('unconfirmed-ownership', BATCH),
          makeFinding('fixed-size', GENERAL),
        ],
        pools: [evaluated(GENERAL), evaluated(BATCH)],
        daily: [rollup('2026-12-03', PAYMENTS, 2)],
      });
      tick(1);
      const partial = await apply({
        only: { refs: [GENERAL], rules: ['unconfirmed-ownership'] },
        findings: [makeFinding('no-owner', GENERAL), makeFinding('no-owner', BATCH)],
        pools: [],
        daily: [],
      });
      expect(partial).toMatchObject({ created: 0, resolved: 1, poolsWritten: 0, poolsRemoved: 0, dailyWritten: 0, rowsWritten: 1 });
      expect((await stores.governance.allFindings({}, clock)).map(f => [f.rule, f.subject.ref])).toEqual([
        ['unconfirmed-ownership', BATCH],
        ['fixed-size', GENERAL],
      ]);
      expect(await stores.governance.listPoolDocuments({})).toHaveLength(2);
      expect(await stores.governance.ownerHistory(PAYMENTS, '2026-12-01')).toHaveLength(1);
      expect(await stores.governance.evaluatedAt()).toBe('2026-12-03T10:00:00.000Z');
    });

    it('gives cost views that roll up exactly as the whole documents', async () => {
      const pools = Array.from({ length: 12 }, (_, i) => {
        const ref = `${i % 3 ? CLUSTER : 'gke/proj/europe-west1/other'}/pool-${i}`;
        const priced = i % 4 !== 0;
        return {
          document: makePoolGovernance(ref, {
            ...(i % 5 ? { owner: i % 2 ? PAYMENTS : DATA } : { owner: undefined }),
            provider: i % 3 ? 'eks' : 'gke',
            capacity: {
              nodes: i,
              requested: { cpu: i * 0.5, memory: i * 1e9 },
              allocatable: { cpu: i * 2, memory: i * 4e9 },
              ...(i % 2 ? { used: { cpu: i * 0.25, memory: i * 5e8 } } : {}),
            },
            cost: {
              ref,
              provider: 'eks',
              cluster: 'c',
              known: priced,
              estimated: i % 3 === 0,
              notes: [],
              machineType: 'm6i.xlarge',
              ...(priced ? { current: { nodes: i, hourly: i * 0.192, monthly: i * 140.16 } } : {}),
            },
            ...(i % 2 ? { idle: { utilization: 0.4, bindingResource: 'cpu' as const, hourly: i * 0.1, monthly: i * 73 } } : {}),
            suggestions: [{ kind: 'retire', message: 'No workloads', details: { days: 30 } }],
          }),
          lastWorkloadAt: null,
        };
      });
      await apply({ findings: [], pools });
      const whole = await stores.governance.listPoolDocuments({});
      // In the documents' order, so that sums of the same numbers are added alike.
      const views = (await stores.governance.listCostDocuments({})).sort((a, b) => (a.ref < b.ref ? -1 : 1));
      expect(views).toHaveLength(12);
      expect(JSON.stringify(views).length).toBeLessThan(JSON.stringify(whole).length / 2);
      for (const groupBy of COST_GROUP_BY) {
        expect(rollupCosts(views, groupBy)).toEqual(rollupCosts(whole, groupBy));
      }
      expect(rollupCosts(await stores.governance.listCostDocuments({ owner: [DATA] }), 'owner').total.pools).toBe(
        whole.filter(p => p.owner === DATA).length,
      );
    });

    it('removes the documents of pools gone and keeps when workloads were last seen', async () => {
      await apply({ findings: [], pools: [evaluated(GENERAL, PAYMENTS, '2026-12-01T00:00:00.000Z'), evaluated(BATCH)] });
      expect(await apply({ findings: [], pools: [evaluated(GENERAL, PAYMENTS, '2026-12-01T00:00:00.000Z')] })).toMatchObject({
        poolsRemoved: 1,
        rowsWritten: 1,
      });
      await syncPools([makePoolSpec()]);
      const [loaded] = await stores.governance.loadPools();
      expect(loaded).toMatchObject({ pool: { ref: GENERAL, owner: PAYMENTS }, lastWorkloadAt: '2026-12-01T00:00:00.000Z' });
      expect(await apply({ findings: [], pools: [evaluated(GENERAL, PAYMENTS, null)] })).toMatchObject({ poolsWritten: 1 });
      expect((await stores.governance.loadPoolsByRef([GENERAL]))[0].lastWorkloadAt).toBeUndefined();
    });

    it('keeps the daily roll-ups per owner and the latest confirmation per pool', async () => {
      await apply({ findings: [], pools: [], daily: [rollup('2026-12-02', PAYMENTS, 1)] });
      await apply({ findings: [], pools: [], daily: [rollup('2026-12-03', PAYMENTS, 2), rollup('2026-12-03', DATA, 1)] });
      expect((await stores.governance.ownerHistory(PAYMENTS, '2026-12-01')).map(r => [r.day, r.pools, r.monthlyCost])).toEqual([
        ['2026-12-02', 1, 420.5],
        ['2026-12-03', 2, 841],
      ]);
      expect(await stores.governance.ownerHistory(PAYMENTS, '2026-12-03')).toHaveLength(1);

      await stores.governance.confirm([
        { poolRef: GENERAL, owner: PAYMENTS, by: 'user:default/ada', at: at() },
        { poolRef: BATCH, owner: PAYMENTS, by: 'user:default/ada', at: at(), handedTo: DATA },
      ]);
      tick(1);
      await stores.governance.confirm([{ poolRef: BATCH, owner: DATA, by: 'user:default/bo', at: at() }]);
      const latest = await stores.governance.latestConfirmations();
      expect(latest.get(GENERAL)).toEqual({ poolRef: GENERAL, owner: PAYMENTS, by: 'user:default/ada', at: '2026-12-03T10:00:00.000Z' });
      expect(latest.get(BATCH)).toMatchObject({ owner: DATA, by: 'user:default/bo' });
      expect([...(await stores.governance.latestConfirmations([GENERAL])).keys()]).toEqual([GENERAL]);
      expect(await stores.governance.handedOverOwners()).toEqual(new Map([[BATCH, DATA]]));

      await stores.governance.recordReminder(PAYMENTS, at(), 2);
      await stores.governance.recordReminder(PAYMENTS, '2026-12-05T00:00:00.000Z', 1);
      expect(await stores.governance.remindersSent()).toEqual(new Map([[PAYMENTS, '2026-12-05T00:00:00.000Z']]));
    });
  });
});
