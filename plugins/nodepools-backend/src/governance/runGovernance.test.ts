import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_GOVERNANCE_OPTIONS,
  DEFAULT_OWNER_KEYS,
  type PoolSpec,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';
import { runGovernance, type GovernanceRunDeps } from './runGovernance';
import type { GovernanceSignals } from './signals';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const CLUSTER = 'eks/111122223333/eu-west-1/payments-prod';
const GENERAL = `${CLUSTER}/general`;
const BATCH = `${CLUSTER}/batch`;
const PAYMENTS = 'group:default/team-payments';

const general = makePoolSpec();
const batch = makePoolSpec({ name: 'batch', tags: {} });

/** A compact report with pods whose signature no pool fits, even after scale-up, and one that fits. */
function reportWithHopelessPods(): TriageReport {
  const signature = (id: string, fits: boolean) => ({
    id,
    pods: 1,
    requests: { cpu: '64' },
    summary: [],
    schedulableNow: false,
    fix: { kind: 'none' },
    fits: fits ? '1' : '0',
    verdicts: [{ pool: 0, fitsNow: false, fitsAfterScaleUp: fits, reasons: [] }],
  });
  return {
    format: 3,
    cluster: 'payments-prod',
    pools: [],
    signatures: [signature('huge', false), signature('small', true)],
    reasons: [],
    pods: [
      { namespace: 'ml', name: 'trainer-0', state: 'unscheduled', signature: 'huge' },
      { namespace: 'ml', name: 'trainer-1', state: 'unscheduled', signature: 'huge' },
      { namespace: 'web', name: 'api-0', state: 'unscheduled', signature: 'small' },
    ],
    skipped: [],
    notes: [],
  } as unknown as TriageReport;
}

describe('runGovernance', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([['POSTGRES_17'], ['SQLITE_3']]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let stores: Stores;
    let clock: Date;
    const at = () => clock.toISOString();

    async function syncPools(pools: PoolSpec[]) {
      await stores.pools.applySync({
        source: { id: 'files', kind: 'file', target: '1 file' },
        startedAt: at(),
        finishedAt: at(),
        outcome: { listings: [{ scope: 'file:pools.json', complete: true, pools: pools.map(p => preparePool(p, ownership)) }] },
      });
    }

    const deps = (extra: Partial<GovernanceRunDeps> = {}): GovernanceRunDeps => ({
      store: stores.governance,
      drift: stores.drift,
      triage: stores.triage,
      options: DEFAULT_GOVERNANCE_OPTIONS,
      now: () => clock,
      ...extra,
    });
    const rulesOf = async (ref: string) =>
      (await stores.governance.allFindings({ pool: [ref] }, clock)).map(f => f.rule).sort();

    beforeEach(async () => {
      clock = new Date('2026-12-03T10:00:00.000Z');
      const knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex, { now: () => clock });
    });

    it('evaluates the stored pools and writes nothing when the fleet is unchanged', async () => {
      await syncPools([general, batch]);
      const first = await runGovernance(deps());
      expect(first).toMatchObject({ pools: 2, resolved: 0, poolsWritten: 2 });
      expect(first.created).toBe(first.findings.length);
      expect(await rulesOf(BATCH)).toContain('no-owner');
      expect(await rulesOf(GENERAL)).toContain('unconfirmed-ownership');
      expect(await rulesOf(GENERAL)).not.toContain('no-owner');

      const documents = await stores.governance.listPoolDocuments({});
      expect(documents.map(d => [d.ref, d.owner, d.clusterRef, d.costSource])).toEqual([
        [BATCH, undefined, CLUSTER, 'list-price'],
        [GENERAL, PAYMENTS, CLUSTER, 'list-price'],
      ]);
      expect(documents[1].findings).toBe(first.findings.filter(f => f.subject.ref === GENERAL).length);
      const history = await stores.governance.ownerHistory(PAYMENTS, '2026-12-01');
      expect(history).toMatchObject([{ day: '2026-12-03', owner: PAYMENTS, pools: 1 }]);

      clock = new Date('2026-12-03T10:30:00.000Z');
      const again = await runGovernance(deps());
      expect(again).toMatchObject({ created: 0, changed: 0, resolved: 0, poolsWritten: 0, dailyWritten: 0, rowsWritten: 0 });
      expect(again.unchanged).toBe(first.findings.length);

      // The pool gets an owner: its no-owner finding resolves.
      await syncPools([general, makePoolSpec({ name: 'batch', tags: { owner: 'team-data' } })]);
      const owned = await runGovernance(deps());
      expect(owned.resolved).toBeGreaterThanOrEqual(1);
      expect(await rulesOf(BATCH)).not.toContain('no-owner');
      expect((await stores.governance.allFindings({ pool: [BATCH], state: 'resolved' }, clock)).map(f => f.rule)).toContain('no-owner');
    });

    it('reads the surge settings of the upgrade posture from the raw record', async () => {
      await syncPools([
        makePoolSpec({ raw: { nodegroupName: 'general', updateConfig: { maxUnavailablePercentage: 33 } } }),
      ]);
      await runGovernance(deps());
      const [document] = await stores.governance.listPoolDocuments({});
      expect(document.upgrade.surge).toEqual({ maxUnavailablePercentage: 33 });
    });

    it('resolves unconfirmed ownership at once for the pools a review confirmed', async () => {
      await syncPools([general, batch]);
      await runGovernance(deps());
      await stores.governance.confirm([{ poolRef: GENERAL, owner: PAYMENTS, by: 'user:default/ada', at: at() }]);
      const reviewed = await runGovernance(deps(), { refs: [GENERAL], rules: ['unconfirmed-ownership'] });
      expect(reviewed).toMatchObject({ pools: 1, resolved: 1, created: 0, poolsWritten: 0, rowsWritten: 1 });
      expect(await rulesOf(GENERAL)).not.toContain('unconfirmed-ownership');
      // The other rules' findings of the pool are left as they were.
      expect((await rulesOf(BATCH)).length).toBeGreaterThan(0);
    });

    it('reads unschedulable pods from the latest triage, open drift and the signals', async () => {
      await syncPools([general, batch]);
      await stores.triage.saveReport({
        cluster: { provider: 'kubernetes', cluster: 'payments-prod' },
        source: 'kubernetes',
        collectedAt: at(),
        report: { json: JSON.stringify(reportWithHopelessPods()), summary: { pendingPods: 3, signatures: 2, skipped: 0, pools: [] } },
      });
      const signals: GovernanceSignals = {
        read: async refs => new Map(refs.filter(ref => ref === GENERAL).map(ref => [ref, { realNodeHourly: 0.5 }])),
      };
      const drift = { poolCounts: async () => [{ ref: BATCH, open: 2, acknowledged: 1 }] };
      await runGovernance(deps({ signals, drift }));

      const [cluster] = await stores.governance.allFindings({ rule: ['unschedulable-pods'] }, clock);
      expect(cluster).toMatchObject({
        subject: { kind: 'cluster', ref: CLUSTER },
        severity: 'high',
        details: { pods: 2, examples: 'ml/trainer-0,ml/trainer-1' },
      });
      expect(await rulesOf(BATCH)).toContain('open-drift');
      expect(await rulesOf(GENERAL)).not.toContain('open-drift');
      const [document] = await stores.governance.listPoolDocuments({ owner: [PAYMENTS] });
      expect(document).toMatchObject({ ref: GENERAL, costSource: 'opencost' });
    });
  });
});
