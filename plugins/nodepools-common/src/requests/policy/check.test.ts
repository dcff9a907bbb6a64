import { defaultMachineCatalog } from '../../machines/catalog';
import { parseClusterRef } from '../../model/cluster';
import type { PoolRequestSpec } from '../types';
import { makeRequestSpec } from '../__testUtils__/specs';
import { checkRequest } from './check';
import { DEFAULT_REQUEST_POLICY, type PolicyInput, type RequestPolicy } from './types';

function input(spec: PoolRequestSpec, overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    spec,
    policy: DEFAULT_REQUEST_POLICY,
    catalog: defaultMachineCatalog(),
    cluster: parseClusterRef(spec.cluster),
    poolNames: new Set(['general']),
    openRequests: new Map(),
    ownerUsage: { maxNodes: 0, monthly: 0 },
    ownerExists: true,
    ...overrides,
  };
}

function policy(overrides: Partial<RequestPolicy>): RequestPolicy {
  return { ...DEFAULT_REQUEST_POLICY, ...overrides };
}

const eks = (o: Partial<PoolRequestSpec> = {}) => makeRequestSpec('eks-managed-node-group', o);

describe('policy checks', () => {
  it.each(['eks-managed-node-group', 'karpenter-nodepool', 'gke-node-pool', 'aks-node-pool', 'doks-node-pool'] as const)('pass a sound %s request', kind => {
    const result = checkRequest(input(makeRequestSpec(kind)));
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each<[string, PolicyInput, string, string, 'error' | 'warning']>([
    ['a cluster the inventory lacks', input(eks(), { cluster: undefined }), 'cluster', 'cluster-known', 'error'],
    ['a name against the kind', input(eks({ name: 'Batch_1' })), 'name', 'name-pattern', 'error'],
    ['a name against the configured pattern', input(eks({ name: 'batch' }), { policy: policy({ namePattern: '^team-[a-z]+$' }) }), 'name', 'name-pattern', 'error'],
    ['an AKS name that is too long', input(makeRequestSpec('aks-node-pool', { name: 'systempoolnumbertwo' })), 'name', 'name-pattern', 'error'],
    ['a name the cluster has', input(eks({ name: 'general' })), 'name', 'name-unique', 'error'],
    ['a name an open request has', input(eks(), { openRequests: new Map([['batch', 'r-9']]) }), 'name', 'name-unique', 'error'],
    ['a machine type not in the catalog', input(eks({ machineTypes: ['m5.large', 'x9.huge'] })), 'machineTypes.1', 'machine-type-known', 'warning'],
    ['a machine type not allowed', input(eks(), { policy: policy({ machineTypes: [{ allow: ['m6i.*'] }] }) }), 'machineTypes.1', 'machine-type-allowed', 'error'],
    ['a family not allowed in the cluster', input(eks(), { policy: policy({ machineTypes: [{ cluster: 'payments-*', families: ['m5'] }] }) }), 'machineTypes.0', 'machine-family-allowed', 'error'],
    ['min above max', input(eks({ autoscaling: { min: 6, max: 5 }, nodeCount: undefined })), 'autoscaling.min', 'count-range', 'error'],
    ['a count outside the range', input(eks({ nodeCount: 9 })), 'nodeCount', 'count-range', 'error'],
    ['a GKE count that does not divide over the zones', input(makeRequestSpec('gke-node-pool', { nodeCount: 4 })), 'nodeCount', 'per-zone-count', 'error'],
    ['too many nodes for the owner', input(eks(), { ownerUsage: { maxNodes: 8, monthly: 0 }, policy: policy({ defaultQuota: { maxNodes: 10 } }) }), 'autoscaling.max', 'max-nodes', 'error'],
    ['a cost over the owner quota', input(eks(), { ownerUsage: { maxNodes: 0, monthly: 900 }, policy: policy({ quotas: { 'group:default/payments': { monthlyCost: 1000 } } }) }), 'autoscaling.max', 'cost-quota', 'error'],
    ['a quota the request cannot be priced against', input(eks({ machineTypes: ['x9.huge'] }), { policy: policy({ defaultQuota: { monthlyCost: 1000 } }) }), 'autoscaling.max', 'cost-unknown', 'warning'],
    ['an untainted spot pool', input(eks({ capacityType: 'spot', taints: [] })), 'taints', 'spot-tainted', 'error'],
    ['a spot pool with a PreferNoSchedule taint only', input(eks({ capacityType: 'spot', taints: [{ key: 'a', effect: 'PreferNoSchedule' }] })), 'taints', 'spot-tainted', 'error'],
    ['an untainted GPU pool', input(eks({ machineTypes: ['g5.xlarge'], taints: [] })), 'taints', 'specialised-tainted', 'error'],
    ['an untainted memory pool', input(eks({ machineTypes: ['r6i.large'], taints: [] })), 'taints', 'specialised-tainted', 'error'],
    ['a system pool of one node', input(makeRequestSpec('aks-node-pool', { autoscaling: { min: 1, max: 3 } })), 'autoscaling.min', 'system-pool-size', 'error'],
    ['a system pool in one zone', input(makeRequestSpec('aks-node-pool', { zones: ['1'] })), 'zones', 'system-pool-zones', 'error'],
    ['an owner the catalog lacks', input(eks(), { ownerExists: false }), 'owner', 'owner-exists', 'error'],
    ['an owner the catalog could not be asked about', input(eks(), { ownerExists: undefined, ownerLookupProblem: 'no catalog' }), 'owner', 'owner-exists', 'warning'],
    ['an AKS pool without resource group', input(makeRequestSpec('aks-node-pool', { resourceGroup: undefined })), 'resourceGroup', 'resource-group', 'error'],
  ])('report %s', (_what, given, field, rule, severity) => {
    const result = checkRequest(given);
    expect(result.violations).toContainEqual(expect.objectContaining({ field, rule, severity }));
    expect(result.valid).toBe(severity === 'warning' && result.violations.every(v => v.severity === 'warning'));
  });

  it('takes the implicit AKS spot taint as the taint a spot pool needs', () => {
    const spec = makeRequestSpec('aks-node-pool', { mode: 'user', capacityType: 'spot', taints: [] });
    expect(checkRequest(input(spec)).violations).toEqual([]);
  });

  it('prices the request at both ends and adds its maximum to the owner', () => {
    const result = checkRequest(input(eks(), { ownerUsage: { maxNodes: 0, monthly: 100 }, policy: policy({ defaultQuota: { monthlyCost: 5000 } }) }));
    const { cost } = result;
    expect(cost.known).toBe(true);
    expect(cost.min!.nodes).toBe(1);
    expect(cost.max!.nodes).toBe(5);
    expect(cost.max!.monthly).toBeCloseTo(cost.nodeMonthly! * 5, 1);
    expect(cost.ownerAfterMonthly).toBeCloseTo(100 + cost.max!.monthly, 1);
    expect(cost.ownerQuotaMonthly).toBe(5000);
  });
});
