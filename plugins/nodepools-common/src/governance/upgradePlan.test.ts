import { row } from './__fixtures__/rows';
import { upgradePlan } from './upgradePlan';

const cluster = 'prod';
const pools = [
  row({ name: 'sys', cluster, mode: 'system', minorSkew: 2 }),
  row({ name: 'apps-b', cluster, minorSkew: 1 }),
  row({ name: 'apps-a', cluster, minorSkew: 2 }),
  row({ name: 'current', cluster, minorSkew: 0 }),
  row({ name: 'only', cluster: 'edge', minorSkew: 1 }),
  row({ name: 'rolling', cluster: 'batch', minorSkew: 0, upgradeInProgress: true }),
  row({ name: 'other', cluster: 'batch', minorSkew: 0 }),
];

describe('upgradePlan', () => {
  it('most-skewed cluster first; user pools most behind first, system pools after, single-pool clusters flagged', () => {
    const steps = upgradePlan(pools);
    expect(steps.map(s => [s.order, s.pool.name, s.flags.join(' ')])).toEqual([
      [1, 'apps-a', ''],
      [2, 'apps-b', ''],
      [3, 'sys', 'system-pool'],
      [4, 'only', 'single-pool-cluster'],
      [5, 'rolling', 'upgrade-in-progress'],
    ]);
  });

  it('the inventory counts say which cluster has one pool when the selection is partial', () => {
    const counts = new Map([['eks/acct/region/prod', 4], ['eks/acct/region/edge', 2]]);
    const steps = upgradePlan([pools[4], pools[1]], { clusterPoolCounts: counts });
    // Both one minor behind: clusters by ref, edge before prod.
    expect(steps.map(s => [s.pool.name, s.flags])).toEqual([
      ['only', []],
      ['apps-b', []],
    ]);
    expect(upgradePlan([pools[1]]).map(s => s.flags)).toEqual([['single-pool-cluster']]);
  });

  it('a single-pool cluster whose pool is a system pool comes last in its cluster with both flags', () => {
    const steps = upgradePlan([row({ name: 'sys', cluster: 'solo', mode: 'system', minorSkew: 1 })]);
    expect(steps[0].flags).toEqual(['system-pool', 'single-pool-cluster']);
  });

  it('includeUpToDate lists every pool', () => {
    expect(upgradePlan(pools, { includeUpToDate: true })).toHaveLength(7);
  });

  it('flags pools that cannot surge', () => {
    const pool = row({ name: 'tight', minorSkew: 1 });
    pool.upgrade.surge = { maxSurge: 0, maxUnavailable: 0 };
    expect(upgradePlan([pool, row({ name: 'x' })])[0].flags).toEqual(['no-surge']);
  });
});
