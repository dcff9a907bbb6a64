import type { ObservedMark, ObservedNodes } from '../../model/pool';
import { compareDrift } from '../compare';
import type { ActualPool, DriftFinding } from '../types';
import { cloudPool, observed } from '../__fixtures__/pools';

function mark(key: string, value: string | undefined, nodes: number, carriedBy: string[] = [], missingFrom: string[] = [], effect?: ObservedMark['effect']): ObservedMark {
  return { key, ...(value !== undefined ? { value } : {}), ...(effect ? { effect } : {}), nodes, carriedBy, missingFrom };
}

function markFindings(nodes: Partial<ObservedNodes>, actual: Partial<ActualPool> = {}): DriftFinding[] {
  const pool = cloudPool({ ...actual, observed: observed(nodes) });
  return compareDrift({ desired: [], actual: [pool] }, { scope: 'all' }).findings.filter(
    f => f.field === 'nodes.labels' || f.field === 'nodes.taints',
  );
}

describe('compareDrift: labels and taints on the nodes', () => {
  it('finds nodes lacking a label of their pool, with the nodes named and a command per node', () => {
    const [finding, ...rest] = markFindings({ labels: [mark('workload', 'general', 1, ['ip-1'], ['ip-2', 'ip-3'])] });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      cause: 'node-labels',
      severity: 'medium',
      desired: { workload: 'general' },
      actual: { missing: [{ mark: 'workload=general', nodes: 2, examples: ['ip-2', 'ip-3'] }], extra: [] },
      message: "2 of 3 nodes lack the pool's label workload=general (ip-2, ip-3)",
    });
    expect(finding.revert?.commands).toEqual([
      ['kubectl', 'label', 'node', 'ip-2', 'workload=general', '--overwrite'],
      ['kubectl', 'label', 'node', 'ip-3', 'workload=general', '--overwrite'],
    ]);
    expect(finding.adopt?.kind).toBe('note');
  });

  it('finds a label put on some nodes by hand, and a command that takes it off', () => {
    const [finding] = markFindings({
      labels: [mark('workload', 'general', 3, ['ip-1', 'ip-2', 'ip-3']), mark('debug', 'true', 1, ['ip-2'], ['ip-1', 'ip-3'])],
    });
    expect(finding.actual).toEqual({ missing: [], extra: [{ mark: 'debug=true', nodes: 1, examples: ['ip-2'] }] });
    expect(finding.revert?.commands).toEqual([['kubectl', 'label', 'node', 'ip-2', 'debug-']]);
  });

  it('counts a node with another value of a pool label as lacking it, not as extra', () => {
    const [finding] = markFindings({
      labels: [mark('workload', 'general', 2, ['ip-1', 'ip-2'], ['ip-3']), mark('workload', 'batch', 1, ['ip-3'], ['ip-1', 'ip-2'])],
    });
    expect(finding.actual).toEqual({ missing: [{ mark: 'workload=general', nodes: 1, examples: ['ip-3'] }], extra: [] });
  });

  it('leaves labels the cloud and Kubernetes set, and Karpenter requirement keys, alone', () => {
    expect(
      markFindings(
        {
          labels: [
            mark('workload', 'general', 3),
            mark('eks.amazonaws.com/nodegroup', 'general', 3),
            mark('node.kubernetes.io/instance-type', 'm6i.xlarge', 3),
            mark('team', 'ml', 3),
          ],
        },
        { requirements: [{ key: 'team', operator: 'In', values: ['ml'] }] },
      ),
    ).toEqual([]);
  });

  it('finds nodes without the pool taint and nodes tainted by hand, high severity', () => {
    const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };
    const [finding, ...rest] = markFindings(
      {
        labels: [mark('workload', 'general', 3)],
        taints: [mark('dedicated', 'gpu', 2, ['ip-1', 'ip-2'], ['ip-3'], 'NoSchedule'), mark('maintenance', undefined, 1, ['ip-1'], [], 'NoExecute')],
      },
      { taints: [taint] },
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ cause: 'node-taints', severity: 'high', desired: [taint] });
    expect(finding.revert?.commands).toEqual([
      ['kubectl', 'taint', 'node', 'ip-3', 'dedicated=gpu:NoSchedule', '--overwrite'],
      ['kubectl', 'taint', 'node', 'ip-1', 'maintenance:NoExecute-'],
    ]);
  });

  it('does not count taints the cloud adds by itself', () => {
    const spot = mark('kubernetes.azure.com/scalesetpriority', 'spot', 3, [], [], 'NoSchedule');
    expect(markFindings({ taints: [spot] }, { provider: 'aks', labels: {} })).toEqual([]);
  });

  it('says nothing without counted labels and taints (an older roll-up)', () => {
    expect(markFindings({})).toEqual([]);
  });

  it('quotes node names that a shell would read', () => {
    const [finding] = markFindings({ labels: [mark('workload', 'general', 2, [], ["ip-$(reboot)'\n"])] });
    expect(finding.revert?.text).toContain(`'ip-$(reboot)'\\''`);
  });
});
