import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  analyzePendingPods,
  expandTriageReport,
  type ClusterIdentity,
  type TriageInput,
} from '@nodepools/plugin-nodepools-common';
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { DEFAULT_TRIAGE_LIMITS } from './analysis/limits';
import { TriageAnalyzer } from './analysis/TriageAnalyzer';
import type { TriageCollector } from './collectors';
import { runTriage } from './runTriage';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const LAB: ClusterIdentity = { provider: 'kubernetes', cluster: 'lab' };

/** `pods` pending pods of many distinct requests against 50 nodes in 10 pools. */
function snapshot(pods: number): TriageInput {
  return {
    pods: {
      items: Array.from({ length: pods }, (_, i) => ({
        metadata: { name: `job-${i}`, namespace: 'batch' },
        spec: { containers: [{ name: 'job', resources: { requests: { cpu: `${100 + i}m` } } }] },
        status: { phase: 'Pending' },
      })),
    },
    nodes: {
      items: Array.from({ length: 50 }, (_, i) => ({
        metadata: { name: `node-${i}`, labels: { 'eks.amazonaws.com/nodegroup': `group-${i % 10}` } },
        status: { allocatable: { cpu: '2', memory: '8Gi', pods: '110' } },
      })),
    },
  };
}

function collector(input: TriageInput): TriageCollector {
  return {
    cluster: LAB,
    source: 'triage-files',
    collect: async () => ({ input: { pods: input.pods, nodes: input.nodes }, collectedAt: '2026-11-10T10:00:00.000Z' }),
  };
}

describe('scheduled triage collections', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let stores: Stores;

    beforeEach(async () => {
      stores = await createStoresFromKnex(await databases.init(databaseId as TestDatabaseId));
    });

    async function collect(input: TriageInput, limits: Partial<typeof DEFAULT_TRIAGE_LIMITS>) {
      await runTriage({
        collectors: [collector(input)],
        store: stores.pools,
        triageStore: stores.triage,
        analyzer: new TriageAnalyzer({ ...DEFAULT_TRIAGE_LIMITS, ...limits }),
        logger: mockServices.logger.mock(),
      });
    }

    it('store the report the worker wrote, the same as the engine makes in place', async () => {
      const input = snapshot(30);
      await collect(input, {});
      const stored = await stores.triage.getReport('kubernetes/-/-/lab');
      const expected = analyzePendingPods({ ...input, cluster: 'lab', pools: [] });
      expect(JSON.parse(stored!.reportJson)).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(await stores.triage.listClusters()).toEqual([expect.objectContaining({ pendingPods: 30 })]);
    });

    it('keep the previous report, whole, when an analysis runs over its time budget or a limit', async () => {
      await collect(snapshot(30), {});
      const before = await stores.triage.getReport('kubernetes/-/-/lab');

      await collect(snapshot(3000), { timeBudgetMs: 1 });
      expect(await stores.triage.getReport('kubernetes/-/-/lab')).toEqual(before);
      expect(await stores.triage.listClusters()).toEqual([
        expect.objectContaining({
          pendingPods: 30,
          error: 'The triage analysis was stopped after 1 ms: the limit is nodepools.triage.limits.timeBudget',
        }),
      ]);

      await collect(snapshot(40), { maxPods: 35 });
      expect(await stores.triage.getReport('kubernetes/-/-/lab')).toEqual(before);
      expect((await stores.triage.listClusters())[0].error).toBe(
        'The triage input has more than 35 pods: the limit is nodepools.triage.limits.maxPods (35)',
      );
    });

    it('read a report stored in the per-pod shape as a compact one', async () => {
      const report = analyzePendingPods({ ...snapshot(12), cluster: 'lab' });
      const perPod = JSON.stringify(expandTriageReport(report));
      await stores.triage.saveReport({
        cluster: LAB,
        source: 'triage-files',
        collectedAt: '2026-11-01T10:00:00.000Z',
        report: { json: perPod, summary: { pendingPods: 12, signatures: 12, skipped: 0, pools: report.pools } },
      });
      const stored = await stores.triage.getReport('kubernetes/-/-/lab');
      expect(JSON.parse(perPod)).not.toHaveProperty('format');
      expect(JSON.parse(stored!.reportJson)).toEqual(JSON.parse(JSON.stringify(report)));
    });
  });
});
