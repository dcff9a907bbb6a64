import type { TriageReport } from '@nodepools/plugin-nodepools-common';
import { loadUnschedulable, unschedulableOf } from './unschedulable';

const signature = (id: string, fitsAfterScaleUp: boolean[]) => ({
  id,
  pods: 1,
  requests: {},
  summary: [],
  schedulableNow: false,
  fix: { kind: 'none' },
  // The quick verdicts decide; no pool's reasons were worked out.
  fits: fitsAfterScaleUp.map(fits => (fits ? '1' : '0')).join(''),
  verdicts: [],
});

const report = (pods: Array<Record<string, unknown>>) =>
  ({
    format: 3,
    cluster: 'c',
    pools: [],
    signatures: [signature('none', [false, false]), signature('one', [false, true]), signature('empty', [])],
    reasons: [],
    pods,
    skipped: [],
    notes: [],
  }) as unknown as TriageReport;

describe('unschedulableOf', () => {
  it('counts pending pods whose signature no pool fits even after scale-up', () => {
    const pods = Array.from({ length: 7 }, (_, i) => ({ namespace: 'ml', name: `p-${i}`, state: 'unscheduled', signature: 'none' }));
    expect(
      unschedulableOf(
        report([
          ...pods,
          { namespace: 'web', name: 'fits', state: 'unscheduled', signature: 'one' },
          { namespace: 'web', name: 'no-pools', state: 'unscheduled', signature: 'empty' },
          { namespace: 'web', name: 'no-ip', state: 'ip-exhaustion', signature: 'placed', placed: { pool: 0, reasons: [] } },
        ]),
        '2026-12-03T10:00:00.000Z',
      ),
    ).toEqual({
      pods: 8,
      examples: ['ml/p-0', 'ml/p-1', 'ml/p-2', 'ml/p-3', 'ml/p-4'],
      analyzedAt: '2026-12-03T10:00:00.000Z',
    });
  });

  it('is undefined when every pending pod fits somewhere after scale-up', () => {
    expect(unschedulableOf(report([{ namespace: 'web', name: 'a', state: 'unscheduled', signature: 'one' }]), 'x')).toBeUndefined();
  });
});

describe('loadUnschedulable', () => {
  const hopeless = report([{ namespace: 'ml', name: 'big', state: 'unscheduled', signature: 'none' }]);
  const pool = { provider: 'eks', account: '1', region: 'r', cluster: 'c' } as never;

  function triage(collectedAt: string, pendingPods = 1) {
    return {
      listClusters: jest.fn(async () => [
        { clusterRef: 'kubernetes/-/-/c', provider: 'kubernetes', cluster: 'c', source: 'k', collectedAt, pendingPods },
      ]),
      getReport: jest.fn(async () => ({
        clusterRef: 'kubernetes/-/-/c',
        provider: 'kubernetes',
        cluster: 'c',
        source: 'k',
        collectedAt,
        reportJson: JSON.stringify(hopeless),
      })),
    };
  }

  it("keeps a report under its own ref and its pools' cluster, parsing each collection once", async () => {
    const cache = new Map();
    const first = triage('2026-12-03T10:00:00.000Z');
    const found = await loadUnschedulable(first as never, [pool], cache);
    expect([...found.keys()]).toEqual(['kubernetes/-/-/c', 'eks/1/r/c']);
    expect(found.get('eks/1/r/c')?.pods).toBe(1);
    await loadUnschedulable(first as never, [pool], cache);
    expect(first.getReport).toHaveBeenCalledTimes(1);

    const next = triage('2026-12-03T11:00:00.000Z');
    await loadUnschedulable(next as never, [pool], cache);
    expect(next.getReport).toHaveBeenCalledTimes(1);
    const none = triage('2026-12-03T12:00:00.000Z', 0);
    expect((await loadUnschedulable(none as never, [pool], cache)).size).toBe(0);
    expect(none.getReport).not.toHaveBeenCalled();
    expect(cache.size).toBe(0);
  });
});
