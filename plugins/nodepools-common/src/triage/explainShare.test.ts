import { randomCluster } from '../testing/randomCluster';
import { analyzePendingPods } from './analyze';
import { MIN_EXPLAINED_PER_SIGNATURE, explainedShare } from './explainShare';
import { fitsAt } from './fits';
import { compactTriageReport, expandSignatureVerdicts, expandTriageReport } from './report';
import type { TriageInput, TriageReport } from './types';

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

interface PoolShape {
  name: string;
  cpu: string;
  taint?: boolean;
}

/** One pending pod asking 3 cpu; one node per pool. */
function cluster(pools: PoolShape[]): TriageInput {
  const nodes = pools.map(({ name, cpu, taint }) => ({
    metadata: { name: `node-${name}`, labels: { 'eks.amazonaws.com/nodegroup': name } },
    spec: taint ? { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu, memory: '8Gi', pods: '110' } },
  }));
  const pod = {
    metadata: { name: 'web-0', namespace: 'shop' },
    spec: { containers: [{ name: 'web', resources: { requests: { cpu: '3' } } }] },
    status: { phase: 'Pending' },
  };
  return { cluster: 'prod', pods: { items: [pod] }, nodes: { items: nodes } };
}

const named = (prefix: string, count: number, shape: Omit<PoolShape, 'name'>) =>
  Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${String(i).padStart(2, '0')}`, ...shape }));

const explainedPools = (report: TriageReport) =>
  report.signatures[0].verdicts.map(v => report.pools[v.pool].pool);

describe('explainedShare', () => {
  it.each([
    [undefined, 200, 10_000, 10_000],
    [20_000, 100, 200, 200],
    [20_000, 200, 10_000, 100],
    [20_000, 5_000, 10_000, MIN_EXPLAINED_PER_SIGNATURE],
    [20_000, 5_000, 4, 4],
    [1, 0, 50, 50],
  ])('budget %p, %p signatures x %p pools: %p pools each', (budget, signatures, pools, share) => {
    expect(explainedShare(budget, signatures, pools)).toBe(share);
  });
});

describe('a report past its budget of explained verdicts', () => {
  it('explains the pools that take the pod and the ones only short of resources, and no others', () => {
    const input = cluster([...named('tainted', 12, { cpu: '8', taint: true }), ...named('small', 3, { cpu: '2' }), { name: 'fit', cpu: '4' }]);
    const report = viaJson(analyzePendingPods(input, { limits: { maxExplained: 1 } }));
    expect(explainedPools(report)).toEqual(['small-00', 'small-01', 'small-02', 'fit']);
    expect(report.signatures[0].fits).toBe(`${'0'.repeat(15)}2`);
    expect(report.notes).toContain(
      'reasons were worked out for 4 of 16 pool verdicts (maxExplained 1): per signature, the pools that take or nearly take its pods; the others show whether they fit, without reasons',
    );
    const small = report.signatures[0].verdicts[0];
    const codes = new Set(small.reasons.map(i => report.reasons[i].code));
    expect(codes.has('insufficient:cpu')).toBe(true);
    expect(codes.has('taint')).toBe(false);
  });

  it('explains the pool its fix names before the pools only short of resources', () => {
    const input = cluster([...named('small', 12, { cpu: '2' }), ...named('tainted', 3, { cpu: '8', taint: true })]);
    const report = viaJson(analyzePendingPods(input, { limits: { maxExplained: 1 } }));
    const signature = report.signatures[0];
    expect(signature.fix).toMatchObject({ kind: 'add-toleration', pool: 'tainted-00' });
    expect(explainedPools(report)).toEqual([...named('small', 9, { cpu: '2' }).map(p => p.name), 'tainted-00']);
    const tainted = signature.verdicts.find(v => report.pools[v.pool].pool === 'tainted-00')!;
    expect(tainted.reasons.map(i => report.reasons[i].code)).toContain('taint');
  });

  it('gives every pool the verdict a full analysis gives, and the explained ones the same reasons', () => {
    const input = randomCluster(1017, { pools: 30 });
    const full = viaJson(analyzePendingPods(input));
    const limited = viaJson(analyzePendingPods(input, { limits: { maxExplained: 1 } }));
    expect(limited.pools.length).toBeGreaterThan(MIN_EXPLAINED_PER_SIGNATURE);
    limited.signatures.forEach((signature, s) => {
      const whole = full.signatures[s];
      expect(signature.fits).toBe(whole.fits);
      expect(signature.fix).toEqual(whole.fix);
      expect(signature.verdicts.length).toBeLessThan(whole.verdicts.length);
      const expanded = expandSignatureVerdicts(limited, signature);
      const wholeExpanded = expandSignatureVerdicts(full, whole);
      expanded.forEach((verdict, position) => {
        expect({ fitsNow: verdict.fitsNow, fitsAfterScaleUp: verdict.fitsAfterScaleUp }).toEqual(fitsAt(whole, position));
        // A verdict without reasons keeps the pool and its two answers, nothing of the explanation.
        const { reasons, newNode, ...answers } = wholeExpanded[position];
        const expected = verdict.explained === false ? { ...answers, reasons: [], explained: false } : wholeExpanded[position];
        expect(verdict).toEqual(expected);
      });
    });
  });

  it('compacts its per-pod shape back to itself, unexplained pools included', () => {
    const report = viaJson(analyzePendingPods(randomCluster(1003, { pools: 30 }), { limits: { maxExplained: 1 } }));
    expect(report.signatures.some(s => s.verdicts.length < s.fits.length)).toBe(true);
    expect(compactTriageReport(viaJson(expandTriageReport(report)))).toEqual(report);
  });
});
