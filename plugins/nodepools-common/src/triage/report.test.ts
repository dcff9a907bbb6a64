import { randomCluster } from '../testing/randomCluster';
import { eksProdInput as eksProd } from './__fixtures__/eksProd';
import { analyzePendingPods } from './analyze';
import { compactTriageReport, expandPodVerdicts, expandTriageReport, readTriageReport } from './report';
import type { TriageInput } from './types';

/** The report as JSON and back: what the API answers and the store keeps. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** `n` replicas of one pending pod, and four nodes in four pools. */
function replicas(n: number): TriageInput {
  const nodes = ['a', 'b', 'c', 'd'].map(pool => ({
    metadata: { name: `node-${pool}`, labels: { 'eks.amazonaws.com/nodegroup': pool } },
    status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
  }));
  const pods = Array.from({ length: n }, (_, i) => ({
    metadata: { name: `web-${i}`, namespace: 'shop' },
    spec: { containers: [{ name: 'web', resources: { requests: { cpu: '3' } } }] },
    status: { phase: 'Pending' },
  }));
  return { cluster: 'prod', pods: { items: pods }, nodes: { items: nodes } };
}

describe('the compact report', () => {
  it('writes each signature verdicts once, so pods add a few bytes each whatever the number of pools', () => {
    const small = viaJson(analyzePendingPods(replicas(10)));
    const large = viaJson(analyzePendingPods(replicas(1010)));
    expect(large.format).toBe(3);
    expect(large.signatures).toHaveLength(1);
    expect(large.signatures[0].verdicts).toHaveLength(large.pools.length);
    expect(large.signatures[0].fits).toBe('0000');
    expect(large.pools).toHaveLength(4);
    expect(large.pods[0]).toEqual({ namespace: 'shop', name: 'web-0', state: 'unscheduled', signature: 's1' });
    const perPod = (JSON.stringify(large).length - JSON.stringify(small).length) / 1000;
    // Each pod is its name and its signature's id: under 100 bytes, where
    // the per-pod shape repeats four pools' verdicts and reasons per pod.
    expect(perPod).toBeLessThan(100);
    const expandedPerPod =
      (JSON.stringify(expandTriageReport(large)).length - JSON.stringify(expandTriageReport(small)).length) / 1000;
    expect(expandedPerPod).toBeGreaterThan(4 * perPod);
  });

  it('expands to the per-pod shape with every pool verdict and reason written out', () => {
    const report = viaJson(analyzePendingPods(eksProd()));
    const expanded = expandTriageReport(report);
    expect(expanded.pods).toHaveLength(report.pods.length);
    const web = expanded.pods.find(p => p.name === 'web-7d4b9c6f5-k4m2n')!;
    const signature = report.signatures.find(s => s.id === web.signature)!;
    expect(web.fix).toEqual(signature.fix);
    expect(web.schedulableNow).toBe(signature.schedulableNow);
    expect(web.pools.map(v => v.pool)).toEqual(report.pools.map(p => p.pool));
    expect(web.pools[0].reasons).toEqual(signature.verdicts[0].reasons.map(i => report.reasons[i]));
    expect(web.pools.every(v => v.explained === undefined)).toBe(true);
    expect(web.schedulerSummary).toEqual(expect.objectContaining({ reasons: expect.any(Array) }));
    const worker = report.pods.find(p => p.state === 'ip-exhaustion')!;
    expect(expandPodVerdicts(report, worker)).toEqual([
      expect.objectContaining({
        pool: report.pools[worker.placed!.pool].pool,
        fitsNow: false,
        reasons: [expect.objectContaining({ code: 'ip-exhaustion' })],
      }),
    ]);
    expect(expanded.pods.find(p => p.state === 'missing-node')).toMatchObject({ pools: [], fix: { kind: 'recreate-pod' } });
  });

  it.each([
    ['the EKS sample', eksProd()],
    ['random cluster 1003', randomCluster(1003)],
    ['random cluster 1017', randomCluster(1017)],
  ])('%s: compacting the expanded report gives the compact report back', (_, input) => {
    const report = viaJson(analyzePendingPods(input));
    expect(compactTriageReport(viaJson(expandTriageReport(report)))).toEqual(report);
  });

  it('reads reports stored in format 2 (a verdict with reasons for every pool) as the current shape', () => {
    const report = viaJson(analyzePendingPods(eksProd()));
    const format2 = {
      ...report,
      format: 2,
      signatures: report.signatures.map(({ fits, verdicts, ...signature }) => ({
        ...signature,
        verdicts: verdicts.map(({ pool, ...verdict }) => verdict),
      })),
    };
    expect(readTriageReport(viaJson(format2))).toEqual(report);
  });

  it('reads reports stored in the per-pod shape as compact ones, and compact ones as they are', () => {
    const report = viaJson(analyzePendingPods(eksProd()));
    const stored = viaJson(expandTriageReport(report));
    expect(stored).not.toHaveProperty('format');
    expect(readTriageReport(stored)).toEqual(report);
    expect(readTriageReport(report)).toBe(report);
    expect(() => readTriageReport({ cluster: 'prod' })).toThrow('not a triage report: expected pods and pools');
  });
});
