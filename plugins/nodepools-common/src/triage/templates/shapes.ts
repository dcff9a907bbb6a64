import type { MachineCloud, MachineType } from '../../machines/types';
import type { PoolRequirement, Taint } from '../../model/pool';
import { capacityTypeLabels, modeLabels, poolNameLabels, withImplicitTaints } from '../../providers/nodeFacts';
import type { ProviderProfile } from '../../providers/types';
import { matchesRequirement } from '../checks/nodeAffinity';
import type { PoolState } from '../cluster';
import { OS_LABEL, OS_LABEL_BETA, REGION_LABEL, REGION_LABEL_BETA } from '../labels';
import type { ResourceMap } from '../read';

/** The machine catalog a pool draws from: its profile's cloud, or another one its requirements name (Karpenter on Azure). */
export function machineCloudOf(profile: ProviderProfile, requirements: readonly PoolRequirement[]): MachineCloud | undefined {
  if (profile.growth.kind === 'provisioner') {
    for (const [prefix, cloud] of Object.entries(profile.growth.cloudByRequirementPrefix)) {
      if (requirements.some(r => r.key.startsWith(prefix))) return cloud;
    }
  }
  return profile.cloud === 'none' ? undefined : profile.cloud;
}

/** Amounts in base units (cpu in cores) as scheduler units (cpu in millicores). */
export function toResourceMap(amounts: Record<string, number | undefined>): ResourceMap {
  const map: ResourceMap = {};
  for (const [name, value] of Object.entries(amounts)) {
    if (value === undefined) continue;
    map[name] = name === 'cpu' ? Math.round(value * 1000) : Math.floor(value);
  }
  return map;
}

/** Labels a provider puts on every node of a pool, from the pool definition alone. */
export function providerLabels(pool: PoolState, profile: ProviderProfile): Record<string, string> {
  const spec = pool.spec;
  const labels: Record<string, string> = {};
  if (pool.label) labels[pool.label] = pool.name;
  if (!spec) return labels;
  labels[OS_LABEL] = spec.os;
  labels[OS_LABEL_BETA] = spec.os;
  if (spec.region) {
    labels[REGION_LABEL] = spec.region;
    labels[REGION_LABEL_BETA] = spec.region;
  }
  Object.assign(labels, poolNameLabels(profile, pool.name), modeLabels(profile, spec.mode));
  // A provisioner's new node may be of any allowed capacity type: its placements set the label.
  if (profile.growth.kind === 'node-group') Object.assign(labels, capacityTypeLabels(profile, spec.capacityType));
  return { ...labels, ...spec.labels };
}

/** The pool's own taints plus those its provider adds by itself to nodes of this machine type. */
export function providerTaints(pool: PoolState, profile: ProviderProfile, machine: MachineType | undefined, own: readonly Taint[]): Taint[] {
  return withImplicitTaints(profile, own, {
    capacityType: profile.growth.kind === 'node-group' ? pool.spec?.capacityType : undefined,
    gpus: machine?.gpus,
    poolName: pool.name,
    requirements: pool.spec?.requirements,
  });
}

export function requirementAllows(requirement: PoolRequirement, value: string | undefined): boolean {
  return matchesRequirement(requirement, value);
}
