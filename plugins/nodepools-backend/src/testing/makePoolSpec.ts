import type { PoolSpec } from '@nodepools/plugin-nodepools-common';

/** A realistic EKS managed node group; tests override what they exercise. */
export function makePoolSpec(overrides: Partial<PoolSpec> = {}): PoolSpec {
  return {
    provider: 'eks',
    account: '111122223333',
    region: 'eu-west-1',
    cluster: 'payments-prod',
    name: 'general',
    mode: 'user',
    os: 'linux',
    arch: 'amd64',
    machineTypes: ['m6i.xlarge'],
    capacityType: 'on-demand',
    nodeCount: 3,
    autoscaling: { enabled: true, min: 2, max: 6 },
    labels: { workload: 'general' },
    taints: [],
    zones: [],
    kubernetesVersion: '1.33',
    nodeImageVersion: '1.33.0-20250704',
    state: 'ACTIVE',
    tags: { owner: 'team-payments' },
    raw: { nodegroupName: overrides.name ?? 'general', status: 'ACTIVE' },
    ...overrides,
  };
}
