import { estimateAllocatable } from '../../machines/allocatable';
import type { MachineCatalog } from '../../machines/catalog';
import { instanceLabels } from '../../machines/instanceLabels';
import type { ProviderProfile } from '../../providers/types';
import { isTransientTaint, type ClusterState, type PoolState } from '../cluster';
import {
  ARCH_LABEL,
  ARCH_LABEL_BETA,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  zoneOf,
} from '../labels';
import { overheadFromDaemonSets, overheadFromNodes } from './overhead';
import { Placements } from './placements';
import { machineCloudOf, providerLabels, providerTaints, toResourceMap } from './shapes';
import type { TemplateCandidate } from './types';

/**
 * The zones of a pool's nodes (a class label: the classes name them all)
 * and of its definition, sorted; the cluster's own list when they are all
 * its zones, as for most pools.
 */
function zonesOf(pool: PoolState, clusterZones: readonly string[]): readonly string[] {
  const zones: string[] = [];
  const add = (zone: string | undefined) => {
    if (zone && !zones.includes(zone)) zones.push(zone);
  };
  for (let c = 0; c < pool.classes.length; c++) add(zoneOf(pool.classes[c].labels));
  for (const zone of pool.spec?.zones ?? []) add(zone);
  // Distinct zones as many as the cluster's, all of them its own: the same set.
  if (zones.length === clusterZones.length && zones.every(zone => clusterZones.includes(zone))) return clusterZones;
  if (zones.length > 1) zones.sort();
  return zones;
}

/** The class's labels with the pool definition's over them; the class's own object when they add nothing. */
function withLabels(labels: Readonly<Record<string, string>>, own: Readonly<Record<string, string>> | undefined) {
  for (const key in own) {
    if (Object.hasOwn(own, key) && labels[key] !== own[key]) return { ...labels, ...own };
  }
  return labels;
}

/** A node group's new node: a copy of its typical node, or built from the catalog when it has none. */
export function nodeGroupCandidate(
  pool: PoolState,
  profile: ProviderProfile,
  state: ClusterState,
  catalog: MachineCatalog,
  options: { prefixDelegation?: boolean },
  notes: string[],
): TemplateCandidate {
  const spec = pool.spec;
  const typical = pool.classes[0];
  if (typical) {
    const node = typical.nodes[0];
    // A placement sets its own hostname over any in these labels.
    const labels = withLabels(typical.labels, spec?.labels);
    const transient = typical.taints.some(isTransientTaint);
    const taints = transient ? typical.taints.filter(t => !isTransientTaint(t)) : typical.taints;
    const zones = zonesOf(pool, state.zones);
    return {
      machineType: node.labels[INSTANCE_TYPE_LABEL] ?? node.labels[INSTANCE_TYPE_LABEL_BETA],
      source: 'node',
      estimated: false,
      taints,
      placements: new Placements(state, [labels], taints, zones, undefined, transient ? undefined : typical.taintsId),
      allocatable: node.allocatable,
      capacity: node.capacity,
      ...overheadFromNodes(pool),
    };
  }
  const name = spec?.machineTypes[0];
  const cloud = machineCloudOf(profile, spec?.requirements ?? []);
  const machine = name ? (cloud && catalog.get(cloud, name)) || catalog.find(name) : undefined;
  const formula = profile.allocatableFormula;
  const labels = { ...providerLabels(pool, profile) };
  if (machine) Object.assign(labels, instanceLabels(machine));
  else if (name) Object.assign(labels, { [INSTANCE_TYPE_LABEL]: name, [INSTANCE_TYPE_LABEL_BETA]: name });
  if (spec?.arch) {
    labels[ARCH_LABEL] = spec.arch;
    labels[ARCH_LABEL_BETA] = spec.arch;
  }
  const taints = providerTaints(pool, profile, machine, spec?.taints ?? []);
  const zones = spec?.zones?.length ? spec.zones : state.zones;
  if (!machine || !formula) {
    notes.push(
      `pool ${pool.name}: machine type ${name ?? '(none given)'} is not in the catalog, so a new node's resources are not checked`,
    );
    return {
      machineType: name,
      source: 'unknown',
      estimated: true,
      taints,
      placements: new Placements(state, [labels], taints, zones),
      ...overheadFromDaemonSets(state, labels, taints),
    };
  }
  const estimate = estimateAllocatable(machine, formula, {
    maxPods: spec?.maxPodsPerNode,
    prefixDelegation: options.prefixDelegation,
    kubernetesVersion: spec?.kubernetesVersion,
    diskGiB: spec?.diskSizeGb,
  });
  return {
    machineType: machine.name,
    source: 'catalog',
    estimated: true,
    taints,
    placements: new Placements(state, [labels], taints, zones),
    allocatable: toResourceMap(estimate.allocatable),
    capacity: toResourceMap(estimate.capacity),
    ...overheadFromDaemonSets(state, labels, taints),
  };
}
