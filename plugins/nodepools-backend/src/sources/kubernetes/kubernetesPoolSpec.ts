import {
  ARCHITECTURES,
  type Architecture,
  type CapacityType,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterPoolIdentity } from '../types';
import type { ClusterObservedPool } from './observedNodes';

/** Where the pool is recorded: the cloud identity of its cluster when configured. */
export type PoolIdentity = ClusterPoolIdentity;

const only = <T>(values: T[]): T | undefined => (values.length === 1 ? values[0] : undefined);

function capacityTypeOf(types: CapacityType[]): CapacityType {
  if (types.length === 0) return 'on-demand';
  if (types.length === 1) return types[0];
  return 'mixed';
}

/**
 * A pool known only from its nodes (self-managed groups, kOps, on-premises)
 * as a `kubernetes` pool. Everything is inferred from the nodes: the pool
 * label, the OS, architecture and instance types they report, the taints all
 * of them carry. Nothing says whether an autoscaler manages it, so it is
 * recorded as not autoscaled.
 */
export function observedPoolToPoolSpec(
  observed: ClusterObservedPool,
  identity: PoolIdentity,
): PoolSpec {
  const { facts } = observed;
  const taints = facts.commonTaints;
  const system =
    (facts.systemModeNodes > 0 && facts.systemModeNodes === observed.observed.nodeCount) ||
    taints.some(t => t.key === 'CriticalAddonsOnly');
  const arch = only(facts.architectures);
  return {
    provider: 'kubernetes',
    account: identity.account,
    region: identity.region,
    cluster: identity.cluster,
    name: observed.pool,
    mode: system ? 'system' : 'user',
    os: only(facts.operatingSystems) === 'windows' ? 'windows' : 'linux',
    arch:
      arch && (ARCHITECTURES as readonly string[]).includes(arch)
        ? (arch as Architecture)
        : undefined,
    machineTypes: facts.instanceTypes,
    capacityType: capacityTypeOf(facts.capacityTypes),
    nodeCount: observed.observed.nodeCount,
    autoscaling: { enabled: false },
    labels: { [observed.poolLabel]: observed.pool },
    taints,
    zones: observed.observed.zones,
    kubernetesVersion: only(observed.observed.kubeletVersions),
    nodeImageVersion: only(observed.observed.osImages),
    tags: {},
    // Only what does not change between syncs: the observed numbers travel
    // separately, so an unchanged pool stays byte-for-byte the same.
    raw: { poolLabel: observed.poolLabel, facts },
  };
}
