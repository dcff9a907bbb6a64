import { defaultMachineCatalog } from '../machines/catalog';
import type { NodePool } from '../model/pool';
import { govPool, observed } from './__fixtures__/pools';
import { ipHeadroom } from './ipHeadroom';
import { poolMachines } from './poolFacts';
import type { GovernancePool, IpHeadroom } from './types';

const catalog = defaultMachineCatalog();
const headroom = (entry: GovernancePool) => ipHeadroom(entry, poolMachines(entry.pool, catalog));
const running = (pods: number, extra: Parameters<typeof observed>[0] = {}) =>
  observed({ requested: { pods }, allocatable: { cpu: 5.79, memory: 2 ** 30 }, ...extra });

describe('ipHeadroom', () => {
  it.each<[string, Partial<NodePool>, Partial<GovernancePool>, Partial<IpHeadroom>]>([
    [
      'EKS m5.large: 3 ENIs x (10 - 1) + 2 = 29 pods a node, 87 on 3 nodes, 67 free; prefixes would give 110',
      { observed: running(20) },
      {},
      { maxPodsPerNode: 29, maxPodsPerNodeWithPrefixes: 110, podsRunning: 20, podCapacity: 87, podSlotsFree: 67, podsBeforeExhaustion: 67, prefixDelegationHelps: true },
    ],
    [
      'EKS nodes already holding 110 pods each use prefixes',
      { observed: running(200, { allocatable: { pods: 330 } }) },
      {},
      { maxPodsPerNode: 110, podCapacity: 330, podSlotsFree: 130, prefixDelegationHelps: false },
    ],
    [
      'EKS i3.large (Xen): 3 x 9 + 2 = 29, no prefixes',
      { machineTypes: ['i3.large'], observed: running(10) },
      {},
      { maxPodsPerNode: 29, maxPodsPerNodeWithPrefixes: undefined, podSlotsFree: 77, prefixDelegationHelps: false },
    ],
    [
      'EKS subnets with 12 + 8 free addresses bound it below the 67 free slots',
      { observed: running(20) },
      { subnets: { subnets: [{ id: 'subnet-a', availableIps: 12 }, { id: 'subnet-b', availableIps: 8 }], observedAt: '2026-12-02T11:00:00Z' } },
      { podSlotsFree: 67, subnetIpsFree: 20, podsBeforeExhaustion: 20 },
    ],
    [
      'AKS on Azure CNI Overlay: 250 a node',
      { provider: 'aks', machineTypes: ['Standard_D4s_v5'], observed: running(100) },
      {},
      { maxPodsPerNode: 250, podCapacity: 750, podSlotsFree: 650, prefixDelegationHelps: false },
    ],
    [
      "AKS pool's own max pods (Azure CNI: 30)",
      { provider: 'aks', machineTypes: ['Standard_D4s_v5'], maxPodsPerNode: 30, observed: running(80) },
      {},
      { maxPodsPerNode: 30, podCapacity: 90, podsBeforeExhaustion: 10 },
    ],
    ['GKE Autopilot: the pool says 32', { provider: 'gke', machineTypes: ['e2-standard-4'], maxPodsPerNode: 32, observed: running(90) }, {}, { maxPodsPerNode: 32, podCapacity: 96, podsBeforeExhaustion: 6 }],
    ['GKE Standard: 110', { provider: 'gke', machineTypes: ['e2-standard-4'], observed: running(30) }, {}, { maxPodsPerNode: 110, podCapacity: 330 }],
    ['DOKS: 110', { provider: 'doks', machineTypes: ['s-2vcpu-4gb'], observed: running(30) }, {}, { maxPodsPerNode: 110, podSlotsFree: 300 }],
    [
      'Karpenter on Azure: the AKS network',
      { provider: 'karpenter', machineTypes: ['Standard_D4s_v5'], observed: running(10) },
      {},
      { maxPodsPerNode: 250, prefixDelegationHelps: false },
    ],
    [
      'no observed nodes: 3 nodes of the provider count, nothing running known',
      {},
      {},
      { maxPodsPerNode: 29, podsRunning: undefined, podCapacity: 87, podSlotsFree: 87 },
    ],
    [
      'an unknown machine type on EKS: max pods unknown',
      { machineTypes: ['x9.huge'], nodeCount: undefined },
      {},
      { maxPodsPerNode: undefined, podCapacity: undefined, podsBeforeExhaustion: undefined, prefixDelegationHelps: false },
    ],
  ])('%s', (_case, overrides, extra, expected) => {
    const result = headroom(govPool(overrides, extra));
    for (const [key, value] of Object.entries(expected)) {
      expect([key, result[key as keyof IpHeadroom]]).toEqual([key, value]);
    }
  });
});
