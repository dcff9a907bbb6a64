import { eksProdInput as eksProd } from './__fixtures__/eksProd';
import { analyzePendingPods as analyzeCompact } from './analyze';
import { expandTriageReport } from './report';
import { referenceTriage } from '../testing/reference';
import type { PodTriage, ExpandedTriageReport } from './types';

/** The per-pod shape, which these tests read pod by pod. */
const analyzePendingPods = (...args: Parameters<typeof analyzeCompact>) => expandTriageReport(analyzeCompact(...args));

function pod(report: ExpandedTriageReport, name: string): PodTriage {
  const found = report.pods.find(p => p.name === name);
  if (!found) throw new Error(`${name} is not in the report`);
  return found;
}

/** `pool: now/later codes` for each pool, compact enough to read in a table. */
function verdicts(triage: PodTriage): Record<string, string> {
  return Object.fromEntries(
    triage.pools.map(v => [
      v.pool,
      `${v.fitsNow ? 'now' : '-'}/${v.fitsAfterScaleUp ? 'later' : '-'} ${[...new Set(v.reasons.map(r => r.code))].join(',')}`.trim(),
    ]),
  );
}

describe('analyzePendingPods on an EKS cluster (kubectl JSON)', () => {
  const report = analyzePendingPods(eksProd());

  it.each([
    [
      'two replicas too large for the free room need two new nodes where the general pool may add one',
      'web-7d4b9c6f5-k4m2n',
      'raise-max',
      {
        general: '-/later insufficient:cpu',
        gpu: '-/- taint',
        arm: '-/- unschedulable,max-size',
        batch: '-/- taint',
      },
    ],
    [
      'a GPU pod without the toleration is told to add it',
      'gpu-job-8xk2q',
      'add-toleration',
      {
        general: '-/- insufficient:cpu,insufficient:nvidia.com/gpu',
        gpu: '-/- taint',
        arm: '-/- unschedulable,insufficient:nvidia.com/gpu,max-size',
        batch: '-/- taint',
      },
    ],
    [
      'a GPU pod with the toleration waits for the GPU pool to add a node',
      'trainer-1',
      'wait-for-scale-up',
      {
        gpu: '-/later insufficient:cpu,insufficient:memory,insufficient:nvidia.com/gpu',
      },
    ],
    [
      'an arm64 pod whose only arm64 node is cordoned and whose pool is at max needs a larger max',
      'arm-agent-5d6f7-zz1x9',
      'raise-max',
      {
        general: '-/- node-affinity',
        arm: '-/- unschedulable,max-size',
        batch: '-/- taint,node-affinity',
      },
    ],
    [
      'a pod larger than every machine type of the cluster needs a new pool',
      'big-batch-4lq8s',
      'new-pool',
      { general: '-/- insufficient:cpu,insufficient:memory' },
    ],
    [
      'a batch pod goes to the batch pool, which has no nodes but may grow from zero',
      'report-28801440-b7v2c',
      'wait-for-scale-up',
      { batch: '-/later', general: '-/- node-affinity' },
    ],
    [
      'a pod whose volume is in a zone no pool covers needs a pool in that zone',
      'orders-db-0',
      'new-pool',
      { general: '-/- volume-zone', batch: '-/- taint,volume-zone' },
    ],
    [
      'a spread pod fits now in the zone with fewer replicas',
      'spread-web-6c8d7f-bbbb1',
      'none',
      { general: 'now/later' },
    ],
    [
      'a pod with anti-affinity to its own replicas needs a new node',
      'cache-2',
      'wait-for-scale-up',
      { general: '-/later pod-anti-affinity' },
    ],
    [
      'a gated pod is told to remove its gates before anything else',
      'canary-gated',
      'remove-scheduling-gates',
      { general: 'now/later' },
    ],
  ])('%s', (_name, name, fix, expected) => {
    const triage = pod(report, name);
    expect(triage.state).toBe('unscheduled');
    expect(triage.fix.kind).toBe(fix);
    expect(verdicts(triage)).toMatchObject(expected);
  });

  it('reports every short resource with requested, free and allocatable numbers and the node count', () => {
    const general = pod(report, 'trainer-1').pools.find(v => v.pool === 'general')!;
    expect(general.reasons).toContainEqual({
      code: 'insufficient:memory',
      message: 'Insufficient memory: requests 8Gi, free at most 5.12Gi of 6.74Gi allocatable',
      scope: 'nodes',
      nodes: 2,
    });
    expect(general.reasons).toContainEqual({
      code: 'insufficient:cpu',
      message: 'Insufficient cpu: requests 2, free on a new node 1.755 of 1.93 allocatable',
      scope: 'new-node',
    });
  });

  it('says when a pool is at its max size', () => {
    const arm = pod(report, 'arm-agent-5d6f7-zz1x9').pools.find(v => v.pool === 'arm')!;
    expect(arm.reasons).toContainEqual({
      code: 'max-size',
      message: 'the pool is at its max size (1 of max 1 nodes)',
      scope: 'pool',
    });
    expect(pod(report, 'arm-agent-5d6f7-zz1x9').fix).toMatchObject({
      pool: 'arm',
      max: { from: 1, to: 2, field: 'max' },
    });
  });

  it('names the taint to tolerate and the toleration to add', () => {
    expect(pod(report, 'gpu-job-8xk2q').fix).toMatchObject({
      pool: 'gpu',
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    });
  });

  it('suggests a new pool in the zone of the volume, of a family the cluster already runs', () => {
    expect(pod(report, 'orders-db-0').fix.newPool).toMatchObject({
      provider: 'eks',
      machineType: 'c5.large',
      arch: 'amd64',
      zones: ['us-east-1c'],
    });
    expect(pod(report, 'big-batch-4lq8s').fix.newPool?.machineType).toBe('c5.2xlarge');
  });

  it("keeps the scheduler's own message: the pod condition first, else the latest FailedScheduling event", () => {
    expect(pod(report, 'web-7d4b9c6f5-k4m2n').schedulerSummary).toMatchObject({
      available: 0,
      total: 4,
      reasons: [
        { count: 1, text: 'node(s) had untolerated taint {nvidia.com/gpu: true}' },
        { count: 1, text: 'node(s) were unschedulable' },
        { count: 2, text: 'Insufficient cpu' },
      ],
    });
    expect(pod(report, 'trainer-1').schedulerMessage).toMatch(/^0\/4 nodes are available: 1 Insufficient nvidia\.com\/gpu/);
  });

  it('reports a placed pod that gets no IP address as IP exhaustion, not as a scheduling failure', () => {
    const worker = pod(report, 'worker-6b5c4d-m3n4p');
    expect(worker.state).toBe('ip-exhaustion');
    expect(worker.schedulableNow).toBe(true);
    expect(worker.fix.kind).toBe('ip-exhaustion');
    expect(worker.pools).toEqual([
      expect.objectContaining({ pool: 'general', reasons: [expect.objectContaining({ code: 'ip-exhaustion' })] }),
    ]);
  });

  it('reports a pod bound to a node that no longer exists', () => {
    expect(pod(report, 'stuck-0')).toMatchObject({ state: 'missing-node', fix: { kind: 'recreate-pod' } });
  });

  it('leaves out a pod with a bad quantity, names it and its field, and analyzes the rest', () => {
    expect(report.skipped).toEqual([
      {
        list: 'pods',
        index: expect.any(Number),
        object: 'Pod shop/typo-7f8g9',
        field: 'spec.containers[0].resources.requests.memory',
        message: "invalid quantity '1 Gi': unknown suffix ' Gi'",
      },
    ]);
    expect(report.pods.some(p => p.name === 'typo-7f8g9')).toBe(false);
  });

  it('groups pods by signature and evaluates each group once', () => {
    const web = report.pods.filter(p => p.name.startsWith('web-'));
    expect(web).toHaveLength(2);
    expect(web[0].signature).toBe(web[1].signature);
    expect(web[0].pools).toBe(web[1].pools);
    expect(report.signatures.find(s => s.id === web[0].signature)).toMatchObject({
      pods: 2,
      requests: { cpu: '1.5', memory: '1Gi' },
    });
  });

  it('counts per pool the pending pods that fit now and after a scale-up', () => {
    expect(report.pools.map(p => [p.pool, p.nodes, p.pendingFitNow, p.pendingFitAfterScaleUp])).toEqual([
      ['general', 2, 2, 5],
      ['gpu', 1, 0, 1],
      ['arm', 1, 0, 0],
      ['batch', 0, 0, 1],
    ]);
  });

  it('serializes to the documented JSON shape', () => {
    const json = JSON.parse(JSON.stringify(report));
    expect(json.pods[0]).toEqual({
      namespace: 'shop',
      name: 'web-7d4b9c6f5-k4m2n',
      state: 'unscheduled',
      signature: 's1',
      schedulableNow: false,
      pools: expect.arrayContaining([
        expect.objectContaining({ cluster: 'prod', pool: 'general', fitsNow: false, fitsAfterScaleUp: true, reasons: expect.any(Array) }),
      ]),
      fix: {
        kind: 'raise-max',
        pool: 'general',
        max: { from: 3, to: 4, field: 'max' },
        text: "raise pool general's max from 3 to 4: its 2 pending pod(s) need 2 new m5.large node(s), 1 per node, and the max leaves room for 1",
      },
      schedulerMessage: expect.any(String),
      schedulerSummary: expect.any(Object),
    });
  });

  it('agrees with the reference evaluator on every pod and pool, reason codes included', () => {
    const reference = referenceTriage(eksProd());
    const fast = report.pods.filter(p => p.state === 'unscheduled');
    expect(reference.pods.map(p => p.name)).toEqual(fast.map(p => p.name));
    for (const [i, slow] of reference.pods.entries()) {
      expect(slow.pools.map(v => [slow.name, v.pool, v.fitsNow, v.fitsAfterScaleUp, v.codes])).toEqual(
        fast[i].pools.map(v => [
          fast[i].name,
          `${v.provider}/${v.pool}`,
          v.fitsNow,
          v.fitsAfterScaleUp,
          [...new Set(v.reasons.map(r => r.code))].sort(),
        ]),
      );
    }
  });
});
