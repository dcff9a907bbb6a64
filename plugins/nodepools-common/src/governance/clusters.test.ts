import { govPool, observed } from './__fixtures__/pools';
import { clusterUnschedulable, groupClusters, sharedOwner } from './clusters';

const groups = (pools: ReturnType<typeof govPool>[]) =>
  groupClusters(pools).map(g => [g.ref, g.pools.map(p => p.pool.name)]);

describe('groupClusters', () => {
  it("an EKS cluster's Karpenter NodePools are pools of it", () => {
    expect(groups([govPool({ name: 'ng' }), govPool({ provider: 'karpenter', account: undefined, region: undefined, name: 'default' })])).toEqual([
      // Pools by ref: eks/... before karpenter/...
      ['eks/111122223333/us-east-1/prod', ['ng', 'default']],
    ]);
  });

  it('clusters of one name in two regions are two clusters; a NodePool that may be either is its own', () => {
    expect(
      groups([
        govPool({ name: 'a' }),
        govPool({ name: 'b', region: 'eu-west-1' }),
        govPool({ provider: 'karpenter', account: undefined, region: undefined, name: 'k' }),
      ]),
    ).toEqual([
      ['eks/111122223333/eu-west-1/prod', ['b']],
      ['eks/111122223333/us-east-1/prod', ['a']],
      ['karpenter/-/-/prod', ['k']],
    ]);
  });

  it('a Karpenter-only cluster says no platform', () => {
    expect(groups([govPool({ provider: 'karpenter', account: undefined, region: undefined, name: 'k' })])).toEqual([['kubernetes/-/-/prod', ['k']]]);
  });

  it('the control plane version is the one the most recently observed pool read', () => {
    const [group] = groupClusters([
      govPool({ name: 'old', observed: observed({ controlPlaneVersion: 'v1.32.1', observedAt: '2026-12-01T00:00:00Z' }) }),
      govPool({ name: 'new', observed: observed({ controlPlaneVersion: 'v1.33.0', observedAt: '2026-12-02T00:00:00Z' }) }),
      govPool({ name: 'none' }),
    ]);
    expect(group.controlPlaneVersion).toBe('v1.33.0');
  });
});

describe('sharedOwner and clusterUnschedulable', () => {
  it('the owner all pools share, else none', () => {
    expect(sharedOwner([govPool(), govPool({ name: 'b' })])).toBe('group:default/team-a');
    expect(sharedOwner([govPool(), govPool({ name: 'b', owner: undefined })])).toBeUndefined();
  });

  it("finds a report under the merged ref or a pool's own spelling", () => {
    const [group] = groupClusters([govPool(), govPool({ provider: 'karpenter', account: undefined, region: undefined, name: 'k' })]);
    const report = { pods: 1, examples: [], analyzedAt: '' };
    expect(clusterUnschedulable(new Map([['eks/111122223333/us-east-1/prod', report]]), group)).toBe(report);
    expect(clusterUnschedulable(new Map([['karpenter/-/-/prod', report]]), group)).toBe(report);
    expect(clusterUnschedulable(new Map([['eks/111122223333/us-east-1/other', report]]), group)).toBeUndefined();
  });
});
