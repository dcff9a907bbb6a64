import { estimateAllocatable } from '../../machines/allocatable';
import type { MachineCatalog } from '../../machines/catalog';
import { instanceLabels, isInstanceLabelKey } from '../../machines/instanceLabels';
import type { ProviderProfile } from '../../providers/types';
import { isTransientTaint, type ClusterState, type PoolState } from '../cluster';
import { OS_LABEL, ZONE_LABEL } from '../labels';
import { overheadFromDaemonSets, type Overhead } from './overhead';
import { Placements } from './placements';
import { machineCloudOf, providerLabels, providerTaints, requirementAllows, toResourceMap } from './shapes';
import type { TemplateCandidate } from './types';

/**
 * A provisioner's pool (Karpenter NodePool): every catalog type its
 * requirements allow, in every zone and capacity type allowed.
 */
export function provisionerCandidates(
  pool: PoolState,
  profile: ProviderProfile,
  noun: string,
  state: ClusterState,
  catalog: MachineCatalog,
  options: { prefixDelegation?: boolean },
  fromNodes: Overhead | undefined,
  notes: string[],
): TemplateCandidate[] {
  const spec = pool.spec;
  const requirements = spec?.requirements ?? [];
  const cloud = machineCloudOf(profile, requirements);
  const formula = profile.allocatableFormula;
  const allowedNames = spec?.machineTypes?.length ? new Set(spec.machineTypes) : undefined;
  const instanceRequirements = requirements.filter(r => isInstanceLabelKey(r.key));
  const capacityLabels = profile.nodeLabels.capacityType.filter(l => !l.readOnly);
  const capacityKeys = new Set(capacityLabels.map(l => l.key));
  const capacityRequirements = requirements.filter(r => capacityKeys.has(r.key));
  // Without a capacity requirement a provisioner launches on-demand capacity.
  const capacityVariants = capacityLabels
    .filter(label =>
      capacityRequirements.length
        ? capacityRequirements.every(r => r.key !== label.key || requirementAllows(r, label.value))
        : label.capacityType === 'on-demand',
    )
    .map(label => ({ [label.key]: label.value }));
  const zoneRequirements = requirements.filter(r => r.key === ZONE_LABEL);
  const knownZones = spec?.zones?.length ? spec.zones : state.zones;
  const zonesNamed = zoneRequirements.filter(r => r.operator === 'In').flatMap(r => r.values ?? []);
  const zones = (zonesNamed.length ? zonesNamed : knownZones).filter(zone =>
    zoneRequirements.every(r => requirementAllows(r, zone)),
  );
  const fixedLabels: Record<string, string> = {};
  for (const requirement of requirements) {
    if (isInstanceLabelKey(requirement.key) || requirement.key === ZONE_LABEL || capacityKeys.has(requirement.key)) continue;
    if (requirement.operator === 'In' && requirement.values?.length) fixedLabels[requirement.key] = requirement.values[0];
  }
  const base = { ...providerLabels(pool, profile), ...fixedLabels };
  const own = (spec?.taints ?? []).filter(t => !isTransientTaint(t));
  const types =
    cloud && formula
      ? catalog.list(cloud).filter(machine => {
          if (allowedNames && !allowedNames.has(machine.name)) return false;
          const labels = instanceLabels(machine);
          const os = spec?.os ?? 'linux';
          return instanceRequirements.every(r => requirementAllows(r, r.key === OS_LABEL ? os : labels[r.key]));
        })
      : [];
  if (types.length === 0) {
    notes.push(`${noun} ${pool.name}: no machine type of the catalog satisfies its requirements`);
  }
  const os = { [OS_LABEL]: spec?.os ?? 'linux' };
  return types.map(machine => {
    // The pool's labels, the machine type's and the OS: one object per placement made, none per type.
    const layers = [base, instanceLabels(machine), os];
    const estimate = estimateAllocatable(machine, formula!, {
      maxPods: spec?.maxPodsPerNode,
      prefixDelegation: options.prefixDelegation,
      kubernetesVersion: spec?.kubernetesVersion,
      diskGiB: spec?.diskSizeGb,
    });
    const taints = providerTaints(pool, profile, machine, own);
    const overhead = fromNodes ?? overheadFromDaemonSets(state, Object.assign({}, ...layers), taints);
    return {
      machineType: machine.name,
      source: 'catalog' as const,
      estimated: true,
      taints,
      placements: new Placements(state, layers, taints, zones, capacityVariants),
      allocatable: toResourceMap(estimate.allocatable),
      capacity: toResourceMap(estimate.capacity),
      ...overhead,
    };
  });
}
