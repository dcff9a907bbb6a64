import { compactTriageReport, expandTriageReport, type PodTriage } from '@nodepools/plugin-nodepools-common';
import { EMPTY_REPORT, PROD_REPORT } from '../../__testUtils__/triage';
import { countTriage, groupTriage } from './triageGroups';

describe('groupTriage', () => {
  it('groups pods by signature, largest first, placed pods last', () => {
    const groups = groupTriage(PROD_REPORT);
    expect(groups.map(g => [g.id, g.pods.length])).toEqual([
      ['s1', 3],
      ['s2', 1],
      ['s3', 1],
      ['placed', 1],
    ]);
    expect(groups[0].signature).toEqual(PROD_REPORT.signatures[0]);
    expect(groups[3].signature).toBeUndefined();
  });

  it('keeps one fix and one scheduler message for pods that share them', () => {
    const [api] = groupTriage(PROD_REPORT);
    expect(api.fixes).toHaveLength(1);
    expect(api.fixes[0].fix.kind).toBe('wait-for-scale-up');
    expect(api.fixes[0].pods).toHaveLength(3);
    expect(api.messages).toEqual([
      expect.objectContaining({ pods: 3, text: expect.stringMatching(/^0\/11 nodes are available/) }),
    ]);
    expect(api.verdicts.map(v => v.pool)).toEqual(['ng-general', 'ng-spot-arm', 'ng-batch']);
  });

  it('puts only explained verdicts in the matrix and counts the others by their quick verdict', () => {
    const expanded = expandTriageReport(PROD_REPORT);
    // As an analysis past its maxExplained limit leaves them: two pools of s1 without reasons.
    const withoutReasons = new Set(['ng-spot-arm', 'ng-batch']);
    const report = compactTriageReport({
      ...expanded,
      pods: expanded.pods.map(pod =>
        pod.signature !== 's1'
          ? pod
          : {
              ...pod,
              pools: pod.pools.map(v => (withoutReasons.has(v.pool) ? { ...v, reasons: [], explained: false as const } : v)),
            },
      ),
    });
    const [api] = groupTriage(report);
    expect(api.verdicts.map(v => v.pool)).toEqual(['ng-general']);
    const fits = expanded.pods.find(p => p.signature === 's1')!.pools.filter(v => withoutReasons.has(v.pool));
    expect(api.unexplained).toEqual({
      pools: 2,
      now: fits.filter(v => v.fitsNow).length,
      afterScaleUp: fits.filter(v => v.fitsAfterScaleUp).length,
      neither: fits.filter(v => !v.fitsNow && !v.fitsAfterScaleUp).length,
    });
    expect(groupTriage(PROD_REPORT)[0].unexplained).toBeUndefined();
  });

  it('merges the verdicts of placed pods pool by pool and keeps their own fixes', () => {
    const onNode = (name: string, node: string, message: string): PodTriage => ({
      namespace: 'payments',
      name,
      state: 'ip-exhaustion',
      signature: 'placed',
      schedulableNow: true,
      pools: [
        {
          cluster: 'prod',
          pool: 'general',
          provider: 'eks',
          ref: 'eks/1/r/prod/general',
          fitsNow: false,
          fitsAfterScaleUp: false,
          reasons: [{ code: 'ip-exhaustion', message, scope: 'nodes', nodes: 1 }],
        },
      ],
      fix: { kind: 'ip-exhaustion', pool: 'general', text: `node ${node} got the pod but the CNI has no IP address left for it` },
    });
    const [placed] = groupTriage(compactTriageReport({
      ...expandTriageReport(EMPTY_REPORT),
      pools: [
        { cluster: 'prod', pool: 'general', provider: 'eks', ref: 'eks/1/r/prod/general', nodes: 2, pendingFitNow: 0, pendingFitAfterScaleUp: 0 },
      ],
      pods: [
        onNode('a', 'node-1', 'failed to assign an IP address to container (a)'),
        onNode('b', 'node-2', 'failed to assign an IP address to container (b)'),
        onNode('c', 'node-2', 'failed to assign an IP address to container (a)'),
      ],
    }));
    expect(placed.verdicts).toHaveLength(1);
    expect(placed.verdicts[0].reasons.map(r => r.message)).toEqual([
      'failed to assign an IP address to container (a)',
      'failed to assign an IP address to container (b)',
    ]);
    expect(placed.fixes.map(f => f.pods.map(p => p.name))).toEqual([['a'], ['b', 'c']]);
    expect(placed.messages).toEqual([]);
  });
});

describe('countTriage', () => {
  it('counts pending pods by what would get them a node', () => {
    expect(countTriage(PROD_REPORT)).toEqual({
      pending: 6,
      schedulableNow: 1,
      fitAfterScaleUp: 3,
      ipExhaustion: 1,
      skipped: 1,
    });
  });

  it('counts nothing in an empty report', () => {
    expect(countTriage(EMPTY_REPORT)).toEqual({
      pending: 0,
      schedulableNow: 0,
      fitAfterScaleUp: 0,
      ipExhaustion: 0,
      skipped: 0,
    });
  });
});
