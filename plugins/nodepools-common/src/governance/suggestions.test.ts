import type { NodePool } from '../model/pool';
import { GiB, govInput, govPool, observed } from './__fixtures__/pools';
import { evaluateGovernance } from './evaluate';
import type { ClusterUnschedulable, GovernancePool, PoolSuggestion } from './types';

/*
 * us-east-1 list prices: m5.large $0.096/h ($70.08 a month of 730 h),
 * m5.xlarge $0.192/h ($140.16).
 */

function suggestionsOf(entry: GovernancePool, unschedulable = new Map<string, ClusterUnschedulable>()): PoolSuggestion[] {
  return evaluateGovernance(govInput([entry], { unschedulable })).pools[0].suggestions;
}

const xlarge = (requested: { cpu: number; memory: number; pods: number }, overrides: Partial<NodePool> = {}, extra: Partial<GovernancePool> = {}) =>
  govPool(
    {
      machineTypes: ['m5.xlarge'],
      observed: observed({ nodeCount: 3, allocatable: { cpu: 11.76, memory: 45 * GiB, pods: 174 }, requested: { ...requested, memory: requested.memory * GiB } }),
      ...overrides,
    },
    extra,
  );

describe('right-size', () => {
  it('3 x m5.xlarge requesting 0.8 cores, 2 GiB and 10 pods a node fit m5.large with 20% to spare: 3 x (140.16 - 70.08) = 210.24 a month', () => {
    const [suggestion] = suggestionsOf(xlarge({ cpu: 2.4, memory: 6, pods: 30 }));
    expect(suggestion).toMatchObject({
      kind: 'right-size',
      monthlySaving: 210.24,
      details: {
        machineType: 'm5.xlarge',
        suggestedMachineType: 'm5.large',
        nodes: 3,
        peakCpuPerNode: 0.8,
        peakMemoryGiBPerNode: 2,
        currentHourly: 0.192,
        suggestedHourly: 0.096,
        peakSource: 'requested-now',
      },
    });
    // m5.large keeps 2 - (6% of the first core + 1% of the second) = 1.93 cores (the EKS reservation)
    expect(suggestion.details.suggestedAllocatableCpu).toBeCloseTo(1.93, 2);
  });

  it('the peak of the kept window counts, not only the requests now: 2 cores a node x 1.2 = 2.4 do not fit m5.large', () => {
    const entry = xlarge({ cpu: 2.4, memory: 6, pods: 30 }, {}, {
      usage: { used: { cpu: 1, memory: GiB }, peakRequested: { cpu: 6, memory: 6 * GiB }, observedAt: '2026-12-02T11:00:00Z' },
    });
    expect(suggestionsOf(entry).map(s => s.kind)).not.toContain('right-size');
  });

  it.each<[string, GovernancePool]>([
    ['memory: 7 GiB a node x 1.2 = 8.4 GiB exceed an m5.large', xlarge({ cpu: 2.4, memory: 21, pods: 30 })],
    ['pods: 25 a node x 1.2 = 30 exceed the 29 an m5.large holds', xlarge({ cpu: 2.4, memory: 6, pods: 75 })],
    ['already the smallest of its family', govPool({ observed: observed({ requested: { cpu: 0.3, memory: GiB, pods: 5 } }) })],
    ['a GPU pool keeps its type', xlarge({ cpu: 0.3, memory: 1, pods: 3 }, { machineTypes: ['g5.xlarge'] })],
    ['a Karpenter NodePool picks its own types', xlarge({ cpu: 0.3, memory: 1, pods: 3 }, { provider: 'karpenter' })],
    ['several machine types', xlarge({ cpu: 0.3, memory: 1, pods: 3 }, { machineTypes: ['m5.xlarge', 'm5.2xlarge'] })],
    ['no observed nodes', govPool({ machineTypes: ['m5.xlarge'] })],
  ])('none when %s', (_case, entry) => {
    expect(suggestionsOf(entry).map(s => s.kind)).not.toContain('right-size');
  });
});

describe('enable-autoscaling', () => {
  const fixed = (cpu: number) =>
    govPool({
      autoscaling: { enabled: false },
      nodeCount: 4,
      observed: observed({ nodeCount: 4, allocatable: { cpu: 8, memory: 28 * GiB }, requested: { cpu, memory: 4 * GiB } }),
    });

  it('4 fixed m5.large with 20% of their cpu requested: ceil(4 x 0.2 / 0.8) = 1 node would do, 3 x 70.08 = 210.24 a month', () => {
    const suggestion = suggestionsOf(fixed(1.6)).find(s => s.kind === 'enable-autoscaling');
    expect(suggestion).toMatchObject({
      monthlySaving: 210.24,
      details: { nodes: 4, utilization: 0.2, suggestedMin: 1, suggestedMax: 4 },
    });
  });

  it('40% requested: ceil(4 x 0.4 / 0.8) = 2 nodes, saving 2 x 70.08 = 140.16', () => {
    expect(suggestionsOf(fixed(3.2)).find(s => s.kind === 'enable-autoscaling')).toMatchObject({
      monthlySaving: 140.16,
      details: { suggestedMin: 2 },
    });
  });

  it('none at 60% requested, nor for an autoscaled pool', () => {
    expect(suggestionsOf(fixed(4.8)).map(s => s.kind)).not.toContain('enable-autoscaling');
    const autoscaled = govPool({ observed: observed({ allocatable: { cpu: 8, memory: 28 * GiB }, requested: { cpu: 0.1, memory: 0 } }) });
    expect(suggestionsOf(autoscaled).map(s => s.kind)).not.toContain('enable-autoscaling');
  });
});

describe('widen-autoscaling', () => {
  const atMax = (cpu: number) =>
    govPool({
      autoscaling: { enabled: true, min: 1, max: 3 },
      observed: observed({ nodeCount: 3, allocatable: { cpu: 6, memory: 24 * GiB }, requested: { cpu, memory: 2 * GiB } }),
    });
  const pending = new Map([['eks/111122223333/us-east-1/prod', { pods: 2, examples: [], analyzedAt: '2026-12-02T11:00:00Z' }]]);

  it('at its maximum of 3 with pods pending in the cluster: 3 + ceil(3 / 2) = 5', () => {
    expect(suggestionsOf(atMax(3), pending).find(s => s.kind === 'widen-autoscaling')).toMatchObject({
      details: { nodes: 3, max: 3, suggestedMax: 5, unschedulablePods: 2 },
    });
  });

  it('at its maximum with 95% requested', () => {
    expect(suggestionsOf(atMax(5.7)).find(s => s.kind === 'widen-autoscaling')?.details.utilization).toBe(0.95);
  });

  it('none below the maximum or when it has room', () => {
    expect(suggestionsOf(atMax(3)).map(s => s.kind)).not.toContain('widen-autoscaling');
    const below = govPool({ autoscaling: { enabled: true, min: 1, max: 5 }, observed: observed({ nodeCount: 3 }) });
    expect(suggestionsOf(below, pending).map(s => s.kind)).not.toContain('widen-autoscaling');
  });
});

describe('split and retire', () => {
  it('split: the only pool runs system and workload pods', () => {
    const entry = govPool({}, {
      workloads: { workloads: [{ namespace: 'kube-system', labels: {}, pods: 5 }, { namespace: 'shop', labels: {}, pods: 3 }], otherPods: 0 },
    });
    expect(suggestionsOf(entry).find(s => s.kind === 'split')?.details).toEqual({ reason: 'only-pool', systemPods: 5, workloadPods: 3 });
  });

  it.each<[number | undefined, number | undefined]>([
    [20, 210.24],
    [14, 210.24],
    [13, undefined],
    [undefined, undefined],
  ])('retire after %s days without workloads saves %s (3 x 70.08)', (days, saving) => {
    const suggestion = suggestionsOf(govPool({}, { daysWithoutWorkloads: days })).find(s => s.kind === 'retire');
    expect(suggestion?.monthlySaving).toBe(saving);
  });
});
