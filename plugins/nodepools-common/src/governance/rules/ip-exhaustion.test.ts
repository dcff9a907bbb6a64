import type { NodePool } from '../../model/pool';
import type { GovernancePool } from '../types';
import { govInput, govPool, observed, runRule } from '../__fixtures__/pools';
import { ipExhaustionRule } from './ip-exhaustion';

/** m5.large: 3 ENIs x (10 - 1) + 2 = 29 pods per node; with prefixes 110. */
const eks = (pods: number, nodes = 3, extra: Partial<GovernancePool> = {}, overrides: Partial<NodePool> = {}) =>
  govPool(
    { observed: observed({ nodeCount: nodes, allocatable: { cpu: 5.79, memory: 22 * 2 ** 30 }, requested: { pods } }), ...overrides },
    extra,
  );

describe('ip-exhaustion', () => {
  it.each<[string, GovernancePool, number | undefined]>([
    ['87 slots, 20 pods: 67 left', eks(20), undefined],
    ['87 slots, 79 pods: 8 left is 9.2%', eks(79), 8],
    ['87 slots, 78 pods: 9 left is 10.3%', eks(78), undefined],
    ['87 slots, 87 pods', eks(87), 0],
    ['plenty of slots, 5 free subnet addresses', eks(20, 3, { subnets: { subnets: [{ id: 'a', availableIps: 3 }, { id: 'b', availableIps: 2 }], observedAt: '' } }), 5],
    ['no nodes', eks(0, 0), undefined],
    ['no observed nodes', govPool(), undefined],
  ])('%s', (_case, entry, left) => {
    const findings = runRule(ipExhaustionRule, govInput([entry]));
    expect(findings.map(f => f.details.podsBeforeExhaustion)).toEqual(left === undefined ? [] : [left]);
  });

  it('the ratio is configurable', () => {
    const input = govInput([eks(70)], { options: { reviewPeriodDays: 90, retireAfterDays: 14, ipHeadroomRatio: 0.25, disabledRules: [] } });
    expect(runRule(ipExhaustionRule, input).map(f => f.details.podsBeforeExhaustion)).toEqual([17]);
  });

  it('says that prefix delegation helps on Nitro EKS nodes, with the profile hint', () => {
    const [finding] = runRule(ipExhaustionRule, govInput([eks(80)]));
    expect(finding.details).toMatchObject({ maxPodsPerNode: 29, prefixDelegationHelps: true, podCapacity: 87, podsRunning: 80 });
    expect(finding.fix).toBe(
      "enable prefix delegation on the VPC CNI, or give the node's subnet more free addresses; prefix delegation would let each node hold 110 pods instead of 29",
    );
    expect(finding.message).toBe('Pool general in prod can take 7 more pods before it runs out of pod slots (8% of 87).');
  });

  it('AKS pools: 250 pods per node on Azure CNI Overlay, the hint of the AKS profile', () => {
    const [finding] = runRule(
      ipExhaustionRule,
      govInput([eks(745, 3, {}, { provider: 'aks', machineTypes: ['Standard_D4s_v5'] })]),
    );
    expect(finding.details).toMatchObject({ podCapacity: 750, podsBeforeExhaustion: 5, prefixDelegationHelps: false });
    expect(finding.fix).toContain('Azure CNI Overlay');
  });
});
