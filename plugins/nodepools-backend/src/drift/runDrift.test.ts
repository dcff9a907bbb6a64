import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_OWNER_KEYS, type ObservedNodes, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import { listingFromText } from '../desired/listing';
import { eksState } from '../desired/__testUtils__/states';
import { preparePool } from '../inventory/preparePool';
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';
import { runDrift } from './runDrift';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const PLACE = { scope: 'file:prod.tfstate', location: 'prod.tfstate' };
const GENERAL = 'eks/111122223333/eu-west-1/payments-prod/general';
const BATCH = 'eks/111122223333/eu-west-1/payments-prod/batch';

const general = (overrides: Partial<PoolSpec> = {}) => makePoolSpec({ kubernetesVersion: '1.33', ...overrides });
const batch = makePoolSpec({ name: 'batch', tags: { owner: 'team-data' } });

describe('the drift stage', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([['POSTGRES_17'], ['SQLITE_3']]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let stores: Stores;
    let clock: Date;
    const tick = (minutes: number) => {
      clock = new Date(clock.getTime() + minutes * 60_000);
    };
    const at = () => clock.toISOString();

    async function syncPools(pools: PoolSpec[], error?: string) {
      await stores.pools.applySync({
        source: { id: 'files', kind: 'file', target: '1 file' },
        startedAt: at(),
        finishedAt: at(),
        outcome: error ? { error } : { listings: [{ scope: 'file:pools.json', complete: true, pools: pools.map(p => preparePool(p, ownership)) }] },
      });
    }

    async function syncDesired(text: string) {
      return stores.drift.applyDesired({
        source: { id: 'desired-files', kind: 'files', target: '1 file' },
        startedAt: at(),
        finishedAt: at(),
        outcome: { listings: [listingFromText(text, PLACE, {})] },
      });
    }

    const run = () => runDrift({ store: stores.drift, now: () => clock });
    const findings = (ref: string, states: Array<'open' | 'acknowledged' | 'resolved'> = ['open', 'acknowledged']) =>
      stores.drift.poolFindings(ref, states, clock);

    beforeEach(async () => {
      clock = new Date('2026-11-27T10:00:00.000Z');
      const knex = await databases.init(databaseId as TestDatabaseId);
      stores = await createStoresFromKnex(knex, { now: () => clock });
    });

    it('keeps findings through their life: found, unchanged, resolved, re-opened', async () => {
      await syncPools([general(), batch]);
      await syncDesired(eksState({ maxSize: 9, groups: ['general'] }));
      const first = await run();
      expect(first).toMatchObject({ created: 2, changed: 0, resolved: 0, findings: 2, desiredPools: 1, actualPools: 2 });

      const [changed] = await findings(GENERAL);
      expect(changed).toMatchObject({
        ref: GENERAL,
        cause: 'changed',
        field: 'autoscaling',
        severity: 'medium',
        state: 'open',
        clusterRef: 'eks/111122223333/eu-west-1/payments-prod',
        owner: 'group:default/team-payments',
        desired: { min: 2, max: 9 },
        actual: { min: 2, max: 6 },
        origin: { format: 'terraform-state', source: 'prod.tfstate', address: 'aws_eks_node_group.pools["general"]' },
        firstSeenAt: '2026-11-27T10:00:00.000Z',
        stale: false,
      });
      expect(changed.revert?.text).toContain('aws eks update-nodegroup-config');
      expect(changed.adopt?.kind).toBe('hcl');
      expect((await findings(BATCH)).map(f => f.cause)).toEqual(['not-in-iac']);

      tick(5);
      await syncPools([general(), batch]);
      // Read again unchanged: only the source's status row is written.
      expect(await syncDesired(eksState({ maxSize: 9, groups: ['general'] }))).toEqual({ changed: false, rowsWritten: 1 });
      const unchanged = await run();
      expect(unchanged).toMatchObject({ unchanged: 2, created: 0, changed: 0, resolved: 0, rowsWritten: 0 });
      // Seen again at the latest reads of both sides, with nothing written for it.
      expect((await findings(GENERAL))[0].lastSeenAt).toBe('2026-11-27T10:05:00.000Z');

      tick(5);
      expect((await syncDesired(eksState({ maxSize: 6, groups: ['general'] }))).changed).toBe(true);
      expect(await run()).toMatchObject({ resolved: 1, unchanged: 1 });
      expect(await findings(GENERAL)).toEqual([]);
      const [resolved] = await findings(GENERAL, ['resolved']);
      expect(resolved).toMatchObject({ state: 'resolved', resolvedAt: '2026-11-27T10:10:00.000Z', lastSeenAt: '2026-11-27T10:10:00.000Z' });

      tick(5);
      await syncDesired(eksState({ maxSize: 12, groups: ['general'] }));
      expect(await run()).toMatchObject({ reopened: 1 });
      const [again] = await findings(GENERAL);
      expect(again).toMatchObject({ state: 'open', firstSeenAt: '2026-11-27T10:00:00.000Z', desired: { min: 2, max: 12 } });
      expect(again.resolvedAt).toBeUndefined();
    });

    it('keeps the findings of a declaration that can no longer be read, marked stale, and resolves none', async () => {
      await syncPools([general(), batch]);
      await syncDesired(eksState({ maxSize: 9, groups: ['general'] }));
      await run();

      tick(5);
      const broken = await syncDesired('{"version": 4, "resources": [');
      expect(broken.changed).toBe(true);
      // The cloud now matches the last good declaration; the declaration cannot be read.
      await syncPools([general({ autoscaling: { enabled: true, min: 2, max: 9 } }), batch]);
      const summary = await run();
      expect(summary).toMatchObject({ resolved: 0, keptStale: 1 });
      const [kept] = await findings(GENERAL);
      expect(kept).toMatchObject({ state: 'open', stale: true, staleReason: expect.stringMatching(/^prod\.tfstate: /) });
      expect((await stores.drift.listDesiredScopes())[0]).toMatchObject({ pools: 1, error: expect.stringMatching(/^prod\.tfstate: /) });

      tick(5);
      await syncDesired(eksState({ maxSize: 9, groups: ['general'] }));
      expect(await run()).toMatchObject({ resolved: 1 });
    });

    it('keeps findings of a pool whose source failed, stale, instead of resolving them', async () => {
      await syncPools([general(), batch]);
      await syncDesired(eksState({ maxSize: 9, groups: ['general', 'batch'] }));
      await run();
      expect((await findings(BATCH)).map(f => [f.cause, f.field])).toEqual([['changed', 'autoscaling'], ['changed', 'tags']]);

      tick(5);
      await syncPools([], 'files: cannot read pools.json');
      await syncDesired(eksState({ maxSize: 6, groups: ['general', 'batch'] }));
      const summary = await run();
      // The declaration now matches what the pools were, but they could not be read again.
      expect(summary.resolved).toBe(0);
      expect(summary.keptStale).toBe(2);
      const [autoscaling] = await findings(BATCH);
      expect(autoscaling).toMatchObject({ field: 'autoscaling', state: 'open', stale: true, staleReason: 'files: cannot read pools.json' });
    });

    it('acknowledges with a reason until a date; an expired acknowledgement re-opens the finding', async () => {
      await syncPools([general(), batch]);
      await syncDesired(eksState({ maxSize: 9, groups: ['general'] }));
      await run();
      const [finding] = await findings(BATCH);
      const until = new Date(clock.getTime() + 86_400_000).toISOString();
      const acknowledged = await stores.drift.acknowledge(finding.id, { by: 'user:default/ada', at: at(), reason: 'batch is moving to Karpenter', until }, clock);
      expect(acknowledged).toMatchObject({
        state: 'acknowledged',
        acknowledgement: { by: 'user:default/ada', at: at(), reason: 'batch is moving to Karpenter', until },
      });
      expect(await stores.drift.poolCounts(clock)).toEqual(
        expect.arrayContaining([{ ref: BATCH, open: 0, acknowledged: 1 }, { ref: GENERAL, open: 1, acknowledged: 0, worstSeverity: 'medium' }]),
      );
      const summary = await stores.drift.summary(clock, 7);
      expect(summary).toMatchObject({ open: 1, acknowledged: 1, stale: 0 });
      expect(summary.byCause).toEqual([
        { key: 'changed', open: 1, acknowledged: 0 },
        { key: 'not-in-iac', open: 0, acknowledged: 1 },
      ]);
      expect(summary.byOwner.map(g => g.key).sort()).toEqual(['group:default/team-data', 'group:default/team-payments']);
      expect(summary.overTime).toHaveLength(7);
      expect(summary.overTime[6]).toEqual({ day: '2026-11-27', open: 1, acknowledged: 1, opened: 2, resolved: 0 });

      tick(2 * 24 * 60);
      const [expired] = await findings(BATCH);
      expect(expired).toMatchObject({ state: 'open', acknowledgement: { until } });
      expect(await stores.drift.acknowledge('drift-unknown', { by: 'user:default/ada', at: at(), reason: 'x' }, clock)).toBeUndefined();
    });

    it('finds drift on the nodes from the roll-ups, with the control plane the cluster reported', async () => {
      await syncPools([general()]);
      await syncDesired(eksState({ groups: ['general'] }));
      const observed: ObservedNodes = {
        nodeCount: 3,
        readyCount: 3,
        kubeletVersions: ['v1.33.1-eks-1'],
        osImages: ['Amazon Linux 2023'],
        zones: [],
        allocatable: {},
        requested: {},
        observedAt: at(),
        controlPlaneVersion: 'v1.37.0',
        labels: [{ key: 'workload', value: 'general', nodes: 2, carriedBy: ['ip-1', 'ip-2'], missingFrom: ['ip-3'] }],
        taints: [],
      };
      await stores.pools.applyObserved('kubernetes', [
        { scope: 'kubernetes/payments-prod', complete: true, cluster: { provider: 'kubernetes', cluster: 'payments-prod' }, entries: [{ ref: GENERAL, observed }] },
      ]);
      await run();
      const causes = (await findings(GENERAL)).map(f => [f.cause, f.field]);
      expect(causes).toEqual([
        ['version-skew', 'nodes.kubeletVersion'],
        ['node-labels', 'nodes.labels'],
      ]);
      const [skew] = await findings(GENERAL);
      expect(skew.desired).toBe('v1.37.0');
    });
  });
});
