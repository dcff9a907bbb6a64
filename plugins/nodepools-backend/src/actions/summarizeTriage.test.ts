import { analyzePendingPods, type TriageInput } from '@nodepools/plugin-nodepools-common';
import { summarizeTriage } from './summarizeTriage';

/** One pending pod asking 3 cpu; one node per pool, 2-cpu nodes or tainted 8-cpu ones. */
function cluster(small: number, tainted: number): TriageInput {
  const node = (name: string, cpu: string, taint: boolean) => ({
    metadata: { name: `node-${name}`, labels: { 'eks.amazonaws.com/nodegroup': name } },
    spec: taint ? { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu, memory: '8Gi', pods: '110' } },
  });
  const nodes = [
    ...Array.from({ length: small }, (_, i) => node(`small-${i}`, '2', false)),
    ...Array.from({ length: tainted }, (_, i) => node(`tainted-${i}`, '8', true)),
  ];
  const pod = {
    metadata: { name: 'web-0', namespace: 'shop' },
    spec: { containers: [{ name: 'web', resources: { requests: { cpu: '3' } } }] },
    status: { phase: 'Pending' },
  };
  return { cluster: 'prod', pods: { items: [pod] }, nodes: { items: nodes } };
}

const stored = (input: TriageInput, maxExplained?: number) => ({
  clusterRef: 'kubernetes/-/-/prod',
  provider: 'kubernetes' as const,
  cluster: 'prod',
  collectedAt: '2026-12-02T12:00:00.000Z',
  source: 'triage-files',
  reportJson: JSON.stringify(analyzePendingPods(input, { limits: { maxExplained } })),
});

describe('summarizeTriage', () => {
  it('counts the blockers of explained pools and the pools left without reasons apart', () => {
    // 12 small pools and 3 tainted ones: the share of 10 goes to the fix's
    // tainted pool and 9 small ones; 3 small and 2 tainted pools are left.
    const [group] = summarizeTriage(stored(cluster(12, 3), 1), 10).groups;
    expect(group.fix).toMatchObject({ kind: 'add-toleration' });
    // Without pool definitions every pool is taken as fixed in size (max-size).
    expect(group.blockers).toEqual([
      expect.objectContaining({ code: 'max-size', pools: 10 }),
      expect.objectContaining({ code: 'insufficient:cpu', pools: 9 }),
      expect.objectContaining({ code: 'taint', pools: 1 }),
    ]);
    expect(group.poolsWithoutReasons).toBe(5);
  });

  it('leaves no pool without reasons when every verdict was explained', () => {
    const [group] = summarizeTriage(stored(cluster(12, 3)), 10).groups;
    expect(group.poolsWithoutReasons).toBe(0);
    expect(group.blockers).toEqual([
      expect.objectContaining({ code: 'max-size', pools: 15 }),
      expect.objectContaining({ code: 'insufficient:cpu', pools: 12 }),
      expect.objectContaining({ code: 'taint', pools: 3 }),
    ]);
  });
});
