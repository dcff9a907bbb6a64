import type { ClusterUnschedulable } from '../types';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { unschedulablePodsRule } from './unschedulable-pods';

const report = (pods: number): ClusterUnschedulable => ({
  pods,
  examples: ['shop/web-1', 'shop/web-2'],
  analyzedAt: '2026-12-02T11:30:00Z',
});

describe('unschedulable-pods', () => {
  it.each<[string, Map<string, ClusterUnschedulable>, number]>([
    ['no report', new Map(), 0],
    ['a report with none', new Map([['eks/111122223333/us-east-1/prod', report(0)]]), 0],
    ['a report with pods', new Map([['eks/111122223333/us-east-1/prod', report(3)]]), 1],
    ['a report of another cluster', new Map([['eks/111122223333/us-east-1/staging', report(3)]]), 0],
  ])('%s', (_case, unschedulable, count) => {
    expect(runRule(unschedulablePodsRule, govInput([govPool()], { unschedulable }))).toHaveLength(count);
  });

  it('one finding for a cluster of EKS and Karpenter pools, found by either spelling of its ref', () => {
    const pools = [govPool(), govPool({ provider: 'karpenter', name: 'default', account: undefined, region: undefined })];
    const unschedulable = new Map([['karpenter/-/-/prod', report(2)]]);
    const findings = runRule(unschedulablePodsRule, govInput(pools, { unschedulable }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'high',
      subject: { kind: 'cluster', ref: 'eks/111122223333/us-east-1/prod' },
      message: 'Cluster prod has 2 pending pods no pool can take (shop/web-1, shop/web-2).',
      details: { pods: 2, pools: 2 },
    });
  });
});
