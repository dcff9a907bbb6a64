import type { NodePool } from '../model/pool';
import { GiB, govInput, govPool, observed } from './__fixtures__/pools';
import { evaluateGovernance } from './evaluate';
import { DEFAULT_GOVERNANCE_OPTIONS, GOVERNANCE_RULES } from './types';

const aks = (name: string, overrides: Partial<NodePool> = {}) =>
  govPool({ provider: 'aks', account: 'sub', region: 'westeurope', cluster: 'shop', name, machineTypes: ['Standard_D4s_v5'], kubernetesVersion: '1.34', ...overrides });

/** A small fleet: an AKS cluster with a lone, undersized system pool and an unowned spot pool; an EKS cluster with a Karpenter NodePool. */
const fleet = () => [
  aks('system', { mode: 'system', autoscaling: { enabled: true, min: 1, max: 3 }, zones: ['1'] }),
  aks('spot', { capacityType: 'spot', owner: undefined, ownerStatus: 'none' }),
  govPool({ observed: observed() }),
  govPool({ provider: 'karpenter', account: undefined, region: undefined, name: 'gpu', machineTypes: ['g5.xlarge'], autoscaling: { enabled: true } }),
  govPool({ name: 'gone', owner: undefined, tombstonedAt: '2026-11-01T00:00:00Z' }),
];
const confirmations = new Map(
  fleet().map(p => [p.pool.ref, { poolRef: p.pool.ref, owner: 'group:default/team-a', by: 'user:default/jo', at: '2026-11-30T00:00:00Z' }]),
);

describe('evaluateGovernance', () => {
  it('every rule over the live pools, ordered by subject ref then rule', () => {
    const { findings, pools } = evaluateGovernance(govInput(fleet(), { confirmations }));
    expect(findings.map(f => `${f.subject.ref} ${f.rule} ${f.severity}`)).toEqual([
      'aks/sub/westeurope/shop single-system-pool medium',
      'aks/sub/westeurope/shop/spot no-owner medium',
      'aks/sub/westeurope/shop/spot end-of-support high',
      'aks/sub/westeurope/shop/system system-pool-too-small high',
      'aks/sub/westeurope/shop/system system-pool-single-zone medium',
      'aks/sub/westeurope/shop/system end-of-support high',
      'eks/111122223333/us-east-1/prod/general end-of-support high',
      'karpenter/-/-/prod/gpu specialised-without-taint high',
      'karpenter/-/-/prod/gpu specialised-without-limit medium',
      'karpenter/-/-/prod/gpu end-of-support high',
    ]);
    expect(pools.map(p => [p.name, p.clusterRef, p.findings])).toEqual([
      ['spot', 'aks/sub/westeurope/shop', 2],
      ['system', 'aks/sub/westeurope/shop', 3],
      ['general', 'eks/111122223333/us-east-1/prod', 1],
      // The Karpenter NodePool of the EKS cluster is a pool of that cluster.
      ['gpu', 'eks/111122223333/us-east-1/prod', 3],
    ]);
    expect(findings.every(f => f.id.startsWith('gov-'))).toBe(true);
  });

  it('leaves disabled rules out', () => {
    const options = { ...DEFAULT_GOVERNANCE_OPTIONS, disabledRules: GOVERNANCE_RULES.filter(r => r !== 'no-owner') };
    const { findings } = evaluateGovernance(govInput(fleet(), { options }));
    expect(findings.map(f => f.rule)).toEqual(['no-owner']);
  });

  it('a pool row: capacity, list-price cost, idle share, posture and pod addresses', () => {
    const entry = govPool({ observed: observed() }, { usage: { used: { cpu: 1, memory: 3 * GiB }, observedAt: '2026-12-02T11:00:00Z' } });
    const [row] = evaluateGovernance(govInput([entry])).pools;
    expect(row).toMatchObject({
      ref: entry.pool.ref,
      owner: 'group:default/team-a',
      mode: 'user',
      costSource: 'list-price',
      capacity: { nodes: 3, requested: { cpu: 1.5, memory: 4 * GiB }, allocatable: { cpu: 5.79, memory: 22.2 * GiB }, used: { cpu: 1, memory: 3 * GiB } },
      cost: { machineType: 'm5.large', current: { nodes: 3, monthly: 3 * 70.08 } },
      upgrade: { minorSkew: 0, controlPlaneVersion: 'v1.33.5-eks-1', endOfSupport: '2026-07-29' },
      ip: { maxPodsPerNode: 29, podCapacity: 87, podsRunning: 20, podsBeforeExhaustion: 67 },
    });
    // cpu binds: 1.5 of 5.79 requested; 210.24 x (1 - 1.5 / 5.79) idle
    expect(row.idle?.bindingResource).toBe('cpu');
    expect(row.idle?.monthly).toBeCloseTo(210.24 * (1 - 1.5 / 5.79), 9);
  });

  it('real node prices from OpenCost: 3 nodes x 0.05 x 730 h = 109.50 a month; the list price of a node stays', () => {
    const entry = govPool({ observed: observed() }, { realNodeHourly: 0.05 });
    const [row] = evaluateGovernance(govInput([entry])).pools;
    expect(row.costSource).toBe('opencost');
    expect(row.cost.current?.monthly).toBeCloseTo(109.5, 9);
    expect(row.cost.min).toEqual({ nodes: 1, hourly: 0.05, monthly: expect.closeTo(36.5, 9) });
    expect(row.cost.max?.nodes).toBe(5);
    expect(row.cost.node?.hourly).toBe(0.096);
    expect(row.idle?.monthly).toBeCloseTo(109.5 * (1 - 1.5 / 5.79), 9);
    expect(row.cost).toMatchObject({ known: true, estimated: false, notes: [] });
  });

  it('a real price for a machine type the list does not price; the notes about counts stay', () => {
    const entry = govPool({ machineTypes: ['x9.huge'], provider: 'karpenter', autoscaling: { enabled: true }, observed: observed() }, { realNodeHourly: 1 });
    const [row] = evaluateGovernance(govInput([entry])).pools;
    expect(row.cost.current).toEqual({ nodes: 3, hourly: 3, monthly: 2190 });
    expect(row.cost.notes.map(n => n.code)).toEqual(['max-unbounded']);
  });

  it('pricing overrides reach the pool cost', () => {
    const entry = govPool({ observed: observed() });
    const [row] = evaluateGovernance(govInput([entry]), { pricing: { aws: { discountPercent: 50 } } }).pools;
    expect(row.cost.current?.monthly).toBeCloseTo(105.12, 9);
  });

  it('is the same whatever order the pools come in', () => {
    const input = govInput(fleet());
    const reversed = govInput([...fleet()].reverse());
    expect(evaluateGovernance(reversed)).toEqual(evaluateGovernance(input));
  });
});
