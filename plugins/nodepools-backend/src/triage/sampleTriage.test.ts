import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  analyzePendingPods,
  expandTriageReport,
  defaultMachineCatalog,
  parseExport,
  type FixKind,
  type PodTriage,
  type PoolSpec,
  type ReasonCode,
  type ExpandedTriageReport,
} from '@nodepools/plugin-nodepools-common';
import { fileTriageCollectors } from './collectors';
import { readSnapshotFiles } from './snapshotFiles';

/**
 * The bundled triage snapshot of payments-prod (sample-inventory/triage)
 * against the cluster's EKS export. Every expectation below follows from
 * kube-scheduler's filters and the cluster autoscaler's documented rules,
 * applied by hand to the snapshot: which taints a pod tolerates, which
 * labels its selector needs, what each node has left after the pods bound
 * to it, and how far each node group may still grow.
 */

const REPO = path.resolve(__dirname, '../../../..');
const SNAPSHOT = 'sample-inventory/triage/payments-prod';
const EXPORT = 'sample-inventory/eks-payments-prod.json';

const POOLS = [
  'system',
  'api',
  'api-graviton',
  'workers-spot',
  'ledger',
  'gpu-fraud',
  'windows-reports',
  'ingress',
  'batch-arm-spot',
  'monitoring',
  'legacy-al2',
];

/** Pools whose taints a plain workload does not tolerate. */
const UNTAINTED = ['api', 'api-graviton', 'monitoring', 'legacy-al2'];

async function readJson(file: string): Promise<any> {
  return JSON.parse(await fs.readFile(path.join(REPO, file), 'utf8'));
}

async function loadPools(): Promise<PoolSpec[]> {
  const text = await fs.readFile(path.join(REPO, EXPORT), 'utf8');
  return parseExport(text, { file: EXPORT }).pools;
}

interface PoolExpectation {
  now: boolean;
  later: boolean;
  /** Codes that must be among the pool's reasons. */
  reasons: ReasonCode[];
}

interface Case {
  /** `namespace/name prefix` of the pending pods. */
  pods: string;
  count: number;
  /** Why kube-scheduler and the autoscaler leave the pods where they are. */
  because: string;
  /** The smallest fix; left out where the engine and the documented semantics disagree (tested on its own). */
  fix?: { kind: FixKind; pool?: string };
  /** Pools a scale-up or a blocker is expected on; every other pool takes the pods neither now nor later. */
  pools: Record<string, PoolExpectation>;
}

const CASES: Case[] = [
  {
    pods: 'async/invoice-worker-8f6d9b7c5d-',
    count: 3,
    because:
      'the new ReplicaSet selects workload=async-workers, which only workers-spot carries, and lost the spot=true:NoSchedule toleration the running revision has',
    fix: { kind: 'add-toleration', pool: 'workers-spot' },
    pools: {
      'workers-spot': { now: false, later: false, reasons: ['taint'] },
      api: { now: false, later: false, reasons: ['node-affinity', 'unschedulable'] },
    },
  },
  {
    pods: 'payments/risk-score-api-9b6d7c8f45-',
    count: 2,
    because:
      'arm64 only: every api-graviton node has 1.73 cpu left for a 4 cpu request, a new m7g.2xlarge has 7.73, and the group is at 6 of 16; batch-arm-spot is arm64 too but tainted spot',
    fix: { kind: 'wait-for-scale-up', pool: 'api-graviton' },
    pools: {
      'api-graviton': { now: false, later: true, reasons: ['insufficient:cpu'] },
      'batch-arm-spot': { now: false, later: false, reasons: ['taint'] },
    },
  },
  {
    pods: 'fraud/fraud-scorer-7c4f9b8d65-',
    count: 1,
    because: "the one g5.2xlarge's only GPU is taken by the running replica; the group is at 1 of 4",
    fix: { kind: 'wait-for-scale-up', pool: 'gpu-fraud' },
    pools: {
      'gpu-fraud': { now: false, later: true, reasons: ['insufficient:nvidia.com/gpu'] },
    },
  },
  {
    pods: 'risk/portfolio-backtest-29369700-',
    count: 1,
    because: 'cpu 64 is more than any machine type of the cluster has (16 vCPU at most), empty or not',
    fix: { kind: 'new-pool' },
    pools: {
      api: { now: false, later: false, reasons: ['insufficient:cpu', 'insufficient:memory'] },
      'api-graviton': { now: false, later: false, reasons: ['insufficient:cpu', 'insufficient:memory'] },
      monitoring: { now: false, later: false, reasons: ['insufficient:cpu', 'insufficient:memory'] },
      ledger: { now: false, later: false, reasons: ['taint'] },
    },
  },
  {
    pods: 'ledger/ledger-reconciler-5b9f7d6c84-',
    count: 4,
    because:
      'each ledger node has 4.71 cpu and 33.38Gi left next to its ledger-writer, a new r6i.4xlarge holds one 12 cpu / 96Gi replica, and the group may still add nodes (3 of 6)',
    pools: {
      ledger: { now: false, later: true, reasons: ['insufficient:cpu', 'insufficient:memory'] },
    },
  },
  {
    pods: 'fx/fx-rates-legacy-5d7f8c6b9d-',
    count: 1,
    because: 'pinned to legacy-al2, whose single t3.large has 750m free for a 1 cpu request, and the group is at its max of 1',
    fix: { kind: 'raise-max', pool: 'legacy-al2' },
    pools: {
      'legacy-al2': { now: false, later: false, reasons: ['insufficient:cpu', 'max-size'] },
    },
  },
  {
    pods: 'payments/checkout-api-7d9c8b6f5b-',
    count: 1,
    because:
      'zone spread with maxSkew 1 over 3/3/2 replicas in us-east-1a/b/c allows only us-east-1c, where both api nodes are short of cpu; us-east-1b holds the cordoned node; a new node can land in us-east-1c',
    fix: { kind: 'wait-for-scale-up', pool: 'api' },
    pools: {
      api: { now: false, later: true, reasons: ['topology-spread', 'insufficient:cpu', 'unschedulable'] },
      'api-graviton': { now: false, later: false, reasons: ['node-affinity'] },
    },
  },
  {
    pods: 'monitoring/prometheus-k8s-2',
    count: 1,
    because:
      'required anti-affinity on kubernetes.io/hostname against the two running replicas, one on each monitoring node; a third node is allowed (2 of 4)',
    fix: { kind: 'wait-for-scale-up', pool: 'monitoring' },
    pools: {
      monitoring: { now: false, later: true, reasons: ['pod-anti-affinity'] },
    },
  },
  {
    pods: 'reports/tax-form-renderer-6c8d7f9b5c-',
    count: 1,
    because: 'selects kubernetes.io/os=windows without tolerating os=windows:NoSchedule, the taint of the only Windows pool',
    fix: { kind: 'add-toleration', pool: 'windows-reports' },
    pools: {
      'windows-reports': { now: false, later: false, reasons: ['taint'] },
      api: { now: false, later: false, reasons: ['node-affinity'] },
    },
  },
  {
    pods: 'ops/node-diagnostics-ip-10-40-37-12-',
    count: 1,
    because:
      'required node affinity on kubernetes.io/hostname of a node that is gone; no existing node has that name and a new node never will',
    fix: { kind: 'target-pool' },
    pools: {
      api: { now: false, later: false, reasons: ['node-affinity'] },
      monitoring: { now: false, later: false, reasons: ['node-affinity'] },
    },
  },
  {
    pods: 'ingress-nginx/ingress-nginx-controller-6f5d8c7b9c-',
    count: 1,
    because: 'host ports 80 and 443 are taken by the controller on each of the three ingress nodes; the group is at 3 of 9',
    fix: { kind: 'wait-for-scale-up', pool: 'ingress' },
    pools: {
      ingress: { now: false, later: true, reasons: ['ports'] },
    },
  },
  {
    pods: 'batch/chargeback-export-29369760-',
    count: 1,
    because: 'each batch-arm-spot node runs a 12 cpu settlement job and has 3.71 cpu and 7.7Gi left for an 8 cpu / 16Gi job; the group is at 2 of 12',
    fix: { kind: 'wait-for-scale-up', pool: 'batch-arm-spot' },
    pools: {
      'batch-arm-spot': { now: false, later: true, reasons: ['insufficient:cpu', 'insufficient:memory'] },
      'workers-spot': { now: false, later: false, reasons: ['node-affinity'] },
    },
  },
  {
    pods: 'batch/feature-backfill-29369710-',
    count: 1,
    because: 'Kueue holds it with a scheduling gate: the scheduler does not try it at all',
    fix: { kind: 'remove-scheduling-gates' },
    pools: {
      'batch-arm-spot': { now: false, later: true, reasons: ['insufficient:cpu'] },
    },
  },
];

function podsOf(report: ExpandedTriageReport, prefix: string): PodTriage[] {
  return report.pods.filter(p => p.state === 'unscheduled' && `${p.namespace}/${p.name}`.startsWith(prefix));
}

describe('the payments-prod triage snapshot', () => {
  let report: ExpandedTriageReport;
  let rawPods: any[];

  beforeAll(async () => {
    const [pods, nodes, events, pools] = await Promise.all([
      readJson(`${SNAPSHOT}/pods.json`),
      readJson(`${SNAPSHOT}/nodes.json`),
      readJson(`${SNAPSHOT}/events.json`),
      loadPools(),
    ]);
    rawPods = pods.items;
    report = expandTriageReport(analyzePendingPods({ cluster: 'payments-prod', pods, nodes, events, pools }));
  });

  it('reads every item and every pool of the cluster', () => {
    expect(report.cluster).toBe('payments-prod');
    expect(report.skipped).toEqual([]);
    expect(report.pools.map(p => p.pool).sort()).toEqual([...POOLS].sort());
    // The node groups at their desired sizes: 36 nodes.
    expect(Object.fromEntries(report.pools.map(p => [p.pool, p.nodes]))).toEqual({
      system: 2,
      api: 8,
      'api-graviton': 6,
      'workers-spot': 7,
      ledger: 3,
      'gpu-fraud': 1,
      'windows-reports': 1,
      ingress: 3,
      'batch-arm-spot': 2,
      monitoring: 2,
      'legacy-al2': 1,
    });
    expect(report.pods.filter(p => p.state === 'unscheduled')).toHaveLength(
      CASES.reduce((sum, c) => sum + c.count, 0),
    );
  });

  it('covers every pending pod of the snapshot with a case', () => {
    const covered = report.pods
      .filter(p => p.state === 'unscheduled')
      .filter(p => CASES.some(c => `${p.namespace}/${p.name}`.startsWith(c.pods)));
    expect(covered).toHaveLength(report.pods.filter(p => p.state === 'unscheduled').length);
  });

  describe.each(CASES)('$pods', c => {
    it(`has ${c.count} pod(s) in one signature`, () => {
      const pods = podsOf(report, c.pods);
      expect(pods).toHaveLength(c.count);
      expect(new Set(pods.map(p => p.signature)).size).toBe(1);
      expect(report.signatures.find(s => s.id === pods[0].signature)?.pods).toBe(c.count);
    });

    it(`fits on no existing node (${c.because})`, () => {
      for (const pod of podsOf(report, c.pods)) {
        expect(pod.schedulableNow).toBe(false);
        expect(pod.pools.filter(v => v.fitsNow)).toEqual([]);
      }
    });

    it('gets the per-pool verdicts and reasons', () => {
      const [pod] = podsOf(report, c.pods);
      expect(pod.pools.map(v => v.pool).sort()).toEqual([...POOLS].sort());
      for (const verdict of pod.pools) {
        const expected = c.pools[verdict.pool] ?? { now: false, later: false, reasons: [] };
        expect({ pool: verdict.pool, now: verdict.fitsNow, later: verdict.fitsAfterScaleUp }).toEqual({
          pool: verdict.pool,
          now: expected.now,
          later: expected.later,
        });
        expect(verdict.reasons.length).toBeGreaterThan(0);
        expect(verdict.reasons.map(r => r.code)).toEqual(expect.arrayContaining(expected.reasons));
      }
    });

    const fix = c.fix;
    if (fix) {
      it(`is fixed by ${fix.kind}${fix.pool ? ` on ${fix.pool}` : ''}`, () => {
        for (const pod of podsOf(report, c.pods)) expect(pod.fix).toMatchObject(fix);
      });
    }
  });

  it("shows kube-scheduler's own message, the PodScheduled condition of each pod", () => {
    for (const pod of report.pods.filter(p => p.state === 'unscheduled')) {
      const raw = rawPods.find(item => item.metadata.namespace === pod.namespace && item.metadata.name === pod.name);
      const condition = raw.status.conditions.find((x: any) => x.type === 'PodScheduled');
      expect(pod.schedulerMessage).toBe(condition.message);
      if (condition.reason === 'SchedulingGated') continue;
      expect(pod.schedulerSummary).toMatchObject({ available: 0, total: 36 });
      expect(pod.schedulerSummary!.preemption).toMatch(/^0\/36 nodes are available: /);
    }
  });

  it('names the toleration that opens workers-spot to the invoice workers', () => {
    const [pod] = podsOf(report, 'async/invoice-worker-8f6d9b7c5d-');
    expect(pod.fix.tolerations).toEqual([{ key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
  });

  it('names the toleration that opens the Windows pool to the tax form renderer', () => {
    const [pod] = podsOf(report, 'reports/tax-form-renderer-6c8d7f9b5c-');
    expect(pod.fix.tolerations).toEqual([{ key: 'os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' }]);
  });

  it('raises legacy-al2 from 1 to 2 nodes for the second fx-rates replica', () => {
    const [pod] = podsOf(report, 'fx/fx-rates-legacy-5d7f8c6b9d-');
    expect(pod.fix.max).toEqual({ from: 1, to: 2, field: 'max' });
  });

  it('retargets the node-pinned diagnostics job to a pool with room, without the hostname', () => {
    const [pod] = podsOf(report, 'ops/node-diagnostics-ip-10-40-37-12-');
    expect(UNTAINTED).toContain(pod.fix.pool);
    expect(pod.fix.nodeSelector).toBeDefined();
    expect(Object.keys(pod.fix.nodeSelector!)).not.toContain('kubernetes.io/hostname');
  });

  it('suggests a new pool of an amd64 type larger than 64 vCPU for the 64 cpu backtest', () => {
    const [pod] = podsOf(report, 'risk/portfolio-backtest-29369700-');
    const suggested = pod.fix.newPool;
    expect(suggested?.arch).toBe('amd64');
    const machine = defaultMachineCatalog().get('aws', suggested!.machineType!);
    // A 64 vCPU machine keeps some cpu for the kubelet: 64 whole cores need a larger type.
    expect(machine!.vcpu).toBeGreaterThan(64);
    expect(machine!.memoryMiB).toBeGreaterThanOrEqual(128 * 1024);
  });

  it('lists the gate that holds the backfill job', () => {
    const [pod] = podsOf(report, 'batch/feature-backfill-29369710-');
    expect(pod.schedulingGates).toEqual(['kueue.x-k8s.io/admission']);
  });

  // The cluster autoscaler never takes a group past its max: ledger (3 of 6)
  // may add three nodes, each holding one replica, so the fourth replica stays
  // Pending and only a max of 7 places all four.
  it('raises ledger from 6 to 7: four replicas need four new nodes and the group may add three', () => {
    const pods = podsOf(report, 'ledger/ledger-reconciler-5b9f7d6c84-');
    expect(pods[0].fix).toMatchObject({ kind: 'raise-max', pool: 'ledger', max: { from: 6, to: 7 } });
  });

  it('reports the sandbox without an IP address as IP exhaustion on its Spot node', () => {
    const placed = report.pods.filter(p => p.state !== 'unscheduled');
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({
      namespace: 'async',
      name: expect.stringMatching(/^notification-worker-75f9d6c8b4-/),
      state: 'ip-exhaustion',
      fix: { kind: 'ip-exhaustion', pool: 'workers-spot' },
    });
    expect(placed[0].pools).toEqual([
      expect.objectContaining({
        pool: 'workers-spot',
        reasons: [expect.objectContaining({ code: 'ip-exhaustion', message: expect.stringContaining('failed to assign an IP address') })],
      }),
    ]);
  });

  it('counts, per pool, the pending pods a scale-up would place', () => {
    const counts = Object.fromEntries(report.pools.map(p => [p.pool, [p.pendingFitNow, p.pendingFitAfterScaleUp]]));
    expect(counts).toEqual({
      system: [0, 0],
      api: [0, 1],
      'api-graviton': [0, 2],
      'workers-spot': [0, 0],
      ledger: [0, 4],
      'gpu-fraud': [0, 1],
      'windows-reports': [0, 0],
      ingress: [0, 1],
      'batch-arm-spot': [0, 2],
      monitoring: [0, 1],
      'legacy-al2': [0, 0],
    });
  });
});

describe('the payments-prod snapshot as stored triage files', () => {
  it('is read by nodepools.triage.files and gives the same report', async () => {
    const config = new ConfigReader({
      nodepools: {
        triage: {
          files: [
            {
              cluster: 'payments-prod',
              pods: `${SNAPSHOT}/pods.json`,
              nodes: `${SNAPSHOT}/nodes.json`,
              events: `${SNAPSHOT}/events.json`,
            },
          ],
        },
      },
    });
    const [collector] = fileTriageCollectors(readSnapshotFiles(config), REPO);
    const snapshot = await collector.collect();
    const pools = await loadPools();
    const fromFiles = analyzePendingPods({ ...snapshot.input, cluster: collector.cluster.cluster, pools });
    const [pods, nodes, events] = await Promise.all([
      readJson(`${SNAPSHOT}/pods.json`),
      readJson(`${SNAPSHOT}/nodes.json`),
      readJson(`${SNAPSHOT}/events.json`),
    ]);
    const direct = analyzePendingPods({ cluster: 'payments-prod', pods, nodes, events, pools });
    expect(JSON.parse(JSON.stringify(fromFiles))).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(fromFiles.pods).toHaveLength(20);
  });
});
