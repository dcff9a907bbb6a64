import type { DesiredField, DesiredPool } from '../../desired/types';
import { poolRef, type ObservedNodes } from '../../model/pool';
import type { ActualPool } from '../types';

/** A cloud pool: an EKS managed node group; tests override what they exercise. */
export function cloudPool(overrides: Partial<ActualPool> = {}): ActualPool {
  const pool: ActualPool = {
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
    kubernetesVersion: '1.31',
    nodeImageVersion: '1.31.2-20241121',
    tags: { owner: 'team-payments' },
    ...overrides,
  };
  return { ...pool, ref: poolRef(pool) };
}

/**
 * The same pool as a Terraform state declares it. Every model field given
 * is declared; `declared` may be overridden to test undeclared fields.
 */
export function declaredPool(overrides: Partial<DesiredPool> = {}): DesiredPool {
  const base: Omit<DesiredPool, 'ref' | 'declared'> = {
    provider: 'eks',
    account: '111122223333',
    region: 'eu-west-1',
    cluster: 'payments-prod',
    name: 'general',
    format: 'terraform-state',
    source: 'prod.tfstate',
    address: 'aws_eks_node_group.general',
    resourceType: 'aws_eks_node_group',
    machineTypes: ['m6i.xlarge'],
    capacityType: 'on-demand',
    autoscaling: { enabled: true, min: 2, max: 6 },
    nodeCount: 3,
    labels: { workload: 'general' },
    taints: [],
    kubernetesVersion: '1.31',
    tags: { owner: 'team-payments' },
    target: { arn: 'arn:aws:eks:eu-west-1:111122223333:nodegroup/payments-prod/general/0a' },
    ...overrides,
  };
  const fields = Object.keys(base).filter(k => !['provider', 'account', 'region', 'cluster', 'name', 'format', 'source', 'address', 'resourceType', 'target', 'perZone', 'autoUpgrade'].includes(k));
  const declared = overrides.declared ?? Object.fromEntries(fields.map(f => [f, f]));
  return { ...base, declared: declared as Partial<Record<DesiredField, string>>, ref: poolRef(base) };
}

export function observed(overrides: Partial<ObservedNodes> = {}): ObservedNodes {
  return {
    nodeCount: 3,
    readyCount: 3,
    kubeletVersions: ['v1.31.2-eks-7f9249a'],
    osImages: ['Amazon Linux 2023.6.20241121'],
    zones: ['eu-west-1a', 'eu-west-1b'],
    allocatable: {},
    requested: {},
    observedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
