import { analyzePendingPods as analyzeCompact } from '../triage/analyze';
import { expandTriageReport } from '../triage/report';
import { randomCluster } from './randomCluster';
import { referenceTriage } from './reference';

/** The per-pod shape, which these tests read pod by pod. */
const analyzePendingPods = (...args: Parameters<typeof analyzeCompact>) => expandTriageReport(analyzeCompact(...args));

/** `pod pool now later codes` per pod and pool, for both answers to be compared line by line. */
function engineTable(input: ReturnType<typeof randomCluster>): string[] {
  return analyzePendingPods(input)
    .pods.filter(p => p.state === 'unscheduled')
    .flatMap(p =>
      p.pools.map(
        v => `${p.name} ${v.provider}/${v.pool} ${v.fitsNow} ${v.fitsAfterScaleUp} ${[...new Set(v.reasons.map(r => r.code))].sort().join(',')}`,
      ),
    )
    .sort();
}

function referenceTable(input: ReturnType<typeof randomCluster>): string[] {
  return referenceTriage(input)
    .pods.flatMap(p => p.pools.map(v => `${p.name} ${v.pool} ${v.fitsNow} ${v.fitsAfterScaleUp} ${v.codes.join(',')}`))
    .sort();
}

describe('the engine against the reference evaluator', () => {
  it.each(Array.from({ length: 30 }, (_, i) => [1000 + i]))(
    'random cluster %i gets the same verdicts and reason codes for every pod and pool',
    seed => {
      const input = randomCluster(seed);
      const reference = referenceTable(input);
      expect(reference.length).toBeGreaterThan(0);
      expect(engineTable(input)).toEqual(reference);
    },
  );

  it('the random clusters exercise every answer and every reason', () => {
    const lines = Array.from({ length: 30 }, (_, i) => referenceTable(randomCluster(1000 + i))).flat();
    const verdicts = new Set(lines.map(line => line.split(' ').slice(2, 4).join(' ')));
    expect([...verdicts].sort()).toEqual(['false false', 'false true', 'true false', 'true true']);
    const providers = new Set(lines.map(line => line.split(' ')[1].split('/')[0]));
    expect([...providers].sort()).toEqual(['aks', 'doks', 'eks', 'gke', 'karpenter', 'kubernetes']);
    const codes = new Set(lines.flatMap(line => (line.split(' ')[4] ?? '').split(',')).filter(Boolean));
    for (const code of [
      'taint',
      'node-affinity',
      'unschedulable',
      'volume-zone',
      'insufficient:cpu',
      'insufficient:memory',
      'insufficient:nvidia.com/gpu',
      'insufficient:pods',
      'ports',
      'pod-affinity',
      'pod-anti-affinity',
      'topology-spread',
      'max-size',
    ]) {
      expect([code, codes.has(code)]).toEqual([code, true]);
    }
  });
});
