import { row } from './__fixtures__/rows';
import { dailyOwnerRollups, rollupCosts } from './rollup';

const GiB = 2 ** 30;
const pools = [
  row({ name: 'a1', owner: 'group:default/a', monthly: 100, idleMonthly: 40, nodes: 2, cpu: [2, 4], memoryGiB: [4, 16] }),
  row({ name: 'a2', owner: 'group:default/a', cluster: 'stage', monthly: 50, idleMonthly: 10, nodes: 1, cpu: [1, 2], memoryGiB: [2, 8], estimated: true }),
  row({ name: 'b1', owner: 'group:default/b', provider: 'gke', monthly: 300, idleMonthly: 0, nodes: 3, cpu: [6, 6], memoryGiB: [20, 24] }),
  row({ name: 'x', nodes: 1, cpu: [0, 2], memoryGiB: [0, 8] }),
];

describe('rollupCosts', () => {
  it('by owner: b 300, a 150, unowned (-) unpriced; most expensive first', () => {
    const { items, total } = rollupCosts(pools, 'owner');
    expect(items.map(i => [i.key, i.pools, i.capacity.nodes, i.monthlyCost, i.idleMonthly, i.estimated, i.unpricedPools])).toEqual([
      ['group:default/b', 1, 3, 300, 0, false, 0],
      ['group:default/a', 2, 3, 150, 50, true, 0],
      ['-', 1, 1, 0, 0, true, 1],
    ]);
    expect(items[1].capacity).toEqual({ nodes: 3, requested: { cpu: 3, memory: 6 * GiB }, allocatable: { cpu: 6, memory: 24 * GiB } });
    expect([total.key, total.pools, total.capacity.nodes, total.monthlyCost, total.idleMonthly, total.estimated, total.unpricedPools]).toEqual([
      'total', 4, 7, 450, 50, true, 1,
    ]);
    expect(total.capacity.requested.cpu).toBe(9);
    expect(total.capacity.allocatable.memory).toBe(56 * GiB);
  });

  it('by cluster ref and by provider', () => {
    expect(rollupCosts(pools, 'cluster').items.map(i => [i.key, i.monthlyCost])).toEqual([
      ['gke/acct/region/prod', 300],
      ['eks/acct/region/prod', 100],
      ['eks/acct/region/stage', 50],
    ]);
    expect(rollupCosts(pools, 'provider').items.map(i => [i.key, i.pools, i.monthlyCost])).toEqual([
      ['gke', 1, 300],
      ['eks', 3, 150],
    ]);
  });

  it('equal costs order by key; used capacity adds up when known', () => {
    const withUsage = [row({ name: 'p', owner: 'group:default/z', monthly: 10 }), row({ name: 'q', owner: 'group:default/y', monthly: 10 })];
    withUsage[0].capacity.used = { cpu: 1.5, memory: GiB };
    const { items, total } = rollupCosts(withUsage, 'owner');
    expect(items.map(i => i.key)).toEqual(['group:default/y', 'group:default/z']);
    expect(total.capacity.used).toEqual({ cpu: 1.5, memory: GiB });
    expect(items[0].capacity.used).toBeUndefined();
  });

  it('no pools: an empty total', () => {
    expect(rollupCosts([], 'owner')).toEqual({
      items: [],
      total: expect.objectContaining({ key: 'total', pools: 0, monthlyCost: 0, unpricedPools: 0, estimated: false }),
    });
  });
});

describe('dailyOwnerRollups', () => {
  it("one row per owner for the day, the owner roll-up's figures", () => {
    expect(dailyOwnerRollups(pools, '2026-12-02')).toEqual([
      { day: '2026-12-02', owner: 'group:default/b', pools: 1, nodes: 3, monthlyCost: 300, idleMonthly: 0, requestedCpu: 6, allocatableCpu: 6, requestedMemory: 20 * GiB, allocatableMemory: 24 * GiB },
      { day: '2026-12-02', owner: 'group:default/a', pools: 2, nodes: 3, monthlyCost: 150, idleMonthly: 50, requestedCpu: 3, allocatableCpu: 6, requestedMemory: 6 * GiB, allocatableMemory: 24 * GiB },
      { day: '2026-12-02', owner: '-', pools: 1, nodes: 1, monthlyCost: 0, idleMonthly: 0, requestedCpu: 0, allocatableCpu: 2, requestedMemory: 0, allocatableMemory: 8 * GiB },
    ]);
  });
});
