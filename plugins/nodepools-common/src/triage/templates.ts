import { estimateAllocatable } from '../machines/allocatable';
import type { MachineCatalog } from '../machines/catalog';
import { instanceLabels, isInstanceLabelKey } from '../machines/instanceLabels';
import type { MachineCloud, MachineType } from '../machines/types';
import type { PoolRequirement, Taint } from '../model/pool';
import { capacityTypeLabels, modeLabels, poolNameLabels, withImplicitTaints } from '../providers/nodeFacts';
import { providerProfile } from '../providers/registry';
import type { ProviderProfile } from '../providers/types';
import { quantityToInteger, quantityToMilli } from '../quantity/parse';
import { portsConflict, type HostPort } from './checks/hostPorts';
import { checkNodeAffinity, compileNodeAffinity, matchesRequirement } from './checks/nodeAffinity';
import { untoleratedTaints } from './checks/taints';
import { isTransientTaint, taintsKey, type ClusterState, type NodeShape, type PoolState } from './cluster';
import type { NodeSelectorTerm } from './kube';
import {
  ARCH_LABEL,
  ARCH_LABEL_BETA,
  HOSTNAME_LABEL,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  NEW_NODE_HOSTNAME,
  OS_LABEL,
  OS_LABEL_BETA,
  REGION_LABEL,
  REGION_LABEL_BETA,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
  zoneOf,
} from './labels';
import type { BoundPod, PodRecord } from './read';
import { addInto, type ResourceMap } from './read';
import type { CheckReason } from './types';

/** One kind of node a scale-up of the pool could add. */
export interface TemplateCandidate {
  machineType?: string;
  /** `node`: copied from an existing node; `catalog`: built from the machine catalog; `unknown`: machine type not in the catalog. */
  source: 'node' | 'catalog' | 'unknown';
  estimated: boolean;
  taints: Taint[];
  /** The label sets the new node could have: one per zone and capacity type it may land in. */
  placements: NodeShape[];
  /** Allocatable before daemonsets, in scheduler units; undefined when unknown. */
  allocatable?: ResourceMap;
  /** Capacity, which Karpenter counts against a NodePool's limits. */
  capacity?: ResourceMap;
  /** What the pool's daemonsets take on every new node. */
  overhead: ResourceMap;
  /** Allocatable minus the daemonsets, `pods` included; undefined when allocatable is unknown. */
  free?: ResourceMap;
  freeVector?: Float64Array;
  overheadPods: number;
  usedPorts: HostPort[];
}

export interface PoolScaling {
  /** A node group below its max (Karpenter: decided per candidate against the limits). */
  canAdd: boolean;
  reason?: CheckReason;
  current: number;
  max?: number;
  /** Karpenter: what is left of `spec.limits`, in scheduler units. */
  remaining?: ResourceMap;
  limits?: ResourceMap;
}

export interface PoolTemplate {
  /** `node-group`: copies of one node within min and max; `provisioner`: any allowed machine type within resource limits (Karpenter); `fixed`: no pool definition. */
  kind: 'node-group' | 'provisioner' | 'fixed';
  candidates: TemplateCandidate[];
  scaling: PoolScaling;
  notes: string[];
}

/** The machine catalog a pool draws from: its profile's cloud, or another one its requirements name (Karpenter on Azure). */
function machineCloudOf(profile: ProviderProfile, requirements: readonly PoolRequirement[]): MachineCloud | undefined {
  if (profile.growth.kind === 'provisioner') {
    for (const [prefix, cloud] of Object.entries(profile.growth.cloudByRequirementPrefix)) {
      if (requirements.some(r => r.key.startsWith(prefix))) return cloud;
    }
  }
  return profile.cloud === 'none' ? undefined : profile.cloud;
}

function toResourceMap(amounts: Record<string, number | undefined>): ResourceMap {
  const map: ResourceMap = {};
  for (const [name, value] of Object.entries(amounts)) {
    if (value === undefined) continue;
    map[name] = name === 'cpu' ? Math.round(value * 1000) : Math.floor(value);
  }
  return map;
}

/** The DaemonSet controller pins each pod to its node with matchFields; a template node needs the rest. */
function withoutNodePin(terms: readonly NodeSelectorTerm[] | undefined): NodeSelectorTerm[] | undefined {
  if (!terms) return undefined;
  const stripped = terms.map(term => ({ matchExpressions: term.matchExpressions ?? [] }));
  const pinnedOnly = terms.some((term, i) => (term.matchFields?.length ?? 0) > 0 && stripped[i].matchExpressions.length === 0);
  return pinnedOnly ? undefined : stripped;
}

/** Whether a DaemonSet's pod would run on a node with these labels and taints. */
export function daemonSetRunsOn(pod: PodRecord, labels: Record<string, string>, taints: readonly Taint[]): boolean {
  if (untoleratedTaints(taints, pod.tolerations).some(t => t.effect !== 'PreferNoSchedule')) return false;
  const affinity = compileNodeAffinity(pod.nodeSelector, withoutNodePin(pod.nodeAffinityTerms));
  return checkNodeAffinity(affinity, labels, NEW_NODE_HOSTNAME) === undefined;
}

interface Overhead {
  overhead: ResourceMap;
  overheadPods: number;
  usedPorts: HostPort[];
}

function addPod(target: Overhead, pod: Pick<PodRecord, 'requests' | 'hostPorts'>) {
  addInto(target.overhead, pod.requests);
  target.overheadPods++;
  for (const port of pod.hostPorts) {
    if (!target.usedPorts.some(p => portsConflict(p, port))) target.usedPorts.push(port);
  }
}

/** Daemonset pods seen on the pool's nodes, each DaemonSet counted once at its largest request. */
function overheadFromNodes(pool: PoolState): Overhead {
  const largest = new Map<string, BoundPod>();
  for (const node of pool.nodes) {
    for (const pod of node.daemonPods) {
      if (!pod.daemonSet) continue;
      const seen = largest.get(pod.daemonSet);
      if (!seen || (pod.requests.cpu ?? 0) + (pod.requests.memory ?? 0) > (seen.requests.cpu ?? 0) + (seen.requests.memory ?? 0)) {
        largest.set(pod.daemonSet, pod);
      }
    }
  }
  const result: Overhead = { overhead: {}, overheadPods: 0, usedPorts: [] };
  for (const pod of largest.values()) addPod(result, pod);
  return result;
}

/** Daemonsets of the cluster that would run on a node with these labels and taints. */
function overheadFromDaemonSets(state: ClusterState, labels: Record<string, string>, taints: readonly Taint[]): Overhead {
  const result: Overhead = { overhead: {}, overheadPods: 0, usedPorts: [] };
  for (const pod of state.daemonSets.values()) {
    if (daemonSetRunsOn(pod, labels, taints)) addPod(result, pod);
  }
  return result;
}

function placementsOf(
  state: ClusterState,
  base: Record<string, string>,
  taints: Taint[],
  zones: readonly string[],
  variants: ReadonlyArray<Record<string, string>> = [{}],
): NodeShape[] {
  const taintsId = state.taintSets.id(taintsKey(taints));
  const zoneOptions: Array<string | undefined> = zones.length ? [...zones] : [undefined];
  const shapes: NodeShape[] = [];
  for (const zone of zoneOptions) {
    for (const variant of variants) {
      const labels: Record<string, string> = { ...base, ...variant, [HOSTNAME_LABEL]: NEW_NODE_HOSTNAME };
      if (zone !== undefined) {
        labels[ZONE_LABEL] = zone;
        if (ZONE_LABEL_BETA in base) labels[ZONE_LABEL_BETA] = zone;
      }
      shapes.push({ id: state.nextShapeId(), labels, taints, taintsId, unschedulable: false, projections: new Map() });
    }
  }
  return shapes;
}

/** Labels a provider puts on every node of a pool, from the pool definition alone. */
function providerLabels(pool: PoolState, profile: ProviderProfile): Record<string, string> {
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
function providerTaints(pool: PoolState, profile: ProviderProfile, machine: MachineType | undefined, own: readonly Taint[]): Taint[] {
  return withImplicitTaints(profile, own, {
    capacityType: profile.growth.kind === 'node-group' ? pool.spec?.capacityType : undefined,
    gpus: machine?.gpus,
    poolName: pool.name,
    requirements: pool.spec?.requirements,
  });
}

function parseLimits(limits: Record<string, string> | undefined, notes: string[], pool: PoolState): ResourceMap | undefined {
  if (!limits) return undefined;
  const parsed: ResourceMap = {};
  for (const [name, value] of Object.entries(limits)) {
    try {
      parsed[name] = name === 'cpu' ? quantityToMilli(value) : quantityToInteger(value);
    } catch (e) {
      notes.push(`pool ${pool.name}: limits.${name} ignored: ${(e as Error).message}`);
    }
  }
  return parsed;
}

function scalingOf(pool: PoolState, notes: string[]): { kind: PoolTemplate['kind']; scaling: PoolScaling } {
  const spec = pool.spec;
  const current = spec?.nodeCount ?? pool.nodes.length;
  if (providerProfile(pool.provider).growth.kind === 'provisioner') {
    const limits = parseLimits(spec?.limits, notes, pool);
    let remaining: ResourceMap | undefined;
    if (limits) {
      const used: ResourceMap = {};
      for (const node of pool.nodes) addInto(used, node.capacity);
      remaining = {};
      for (const [name, limit] of Object.entries(limits)) remaining[name] = limit - (used[name] ?? 0);
    }
    return { kind: 'provisioner', scaling: { canAdd: true, current: pool.nodes.length, limits, remaining } };
  }
  if (!spec) {
    return {
      kind: 'fixed',
      scaling: {
        canAdd: false,
        current,
        reason: {
          code: 'max-size',
          message: `no pool definition was given, so the pool is taken to be fixed at ${current} node(s)`,
        },
      },
    };
  }
  if (!spec.autoscaling.enabled) {
    return {
      kind: 'node-group',
      scaling: {
        canAdd: false,
        current,
        max: current,
        reason: { code: 'max-size', message: `autoscaling is off: the pool stays at ${current} node(s)` },
      },
    };
  }
  const max = spec.autoscaling.max;
  if (max !== undefined && current >= max) {
    return {
      kind: 'node-group',
      scaling: {
        canAdd: false,
        current,
        max,
        reason: { code: 'max-size', message: `the pool is at its max size (${current} of max ${max} nodes)` },
      },
    };
  }
  return { kind: 'node-group', scaling: { canAdd: true, current, max } };
}

function requirementAllows(requirement: PoolRequirement, value: string | undefined): boolean {
  return matchesRequirement(requirement, value);
}

/**
 * A provisioner's pool (Karpenter NodePool): every catalog type its
 * requirements allow, in every zone and capacity type allowed.
 */
function provisionerCandidates(
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
          labels[OS_LABEL] = spec?.os ?? 'linux';
          return instanceRequirements.every(r => requirementAllows(r, labels[r.key]));
        })
      : [];
  if (types.length === 0) {
    notes.push(`${noun} ${pool.name}: no machine type of the catalog satisfies its requirements`);
  }
  return types.map(machine => {
    const labels = { ...base, ...instanceLabels(machine), [OS_LABEL]: spec?.os ?? 'linux' };
    const estimate = estimateAllocatable(machine, formula!, {
      maxPods: spec?.maxPodsPerNode,
      prefixDelegation: options.prefixDelegation,
      kubernetesVersion: spec?.kubernetesVersion,
      diskGiB: spec?.diskSizeGb,
    });
    const taints = providerTaints(pool, profile, machine, own);
    const overhead = fromNodes ?? overheadFromDaemonSets(state, labels, taints);
    return {
      machineType: machine.name,
      source: 'catalog' as const,
      estimated: true,
      taints,
      placements: placementsOf(state, labels, taints, zones, capacityVariants),
      allocatable: toResourceMap(estimate.allocatable),
      capacity: toResourceMap(estimate.capacity),
      ...overhead,
    };
  });
}

/** A node group's new node: a copy of its typical node, or built from the catalog when it has none. */
function nodeGroupCandidate(
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
    const labels = { ...typical.labels, ...(spec?.labels ?? {}) };
    delete labels[HOSTNAME_LABEL];
    const taints = typical.taints.filter(t => !isTransientTaint(t));
    const zones = [...new Set([...pool.nodes.map(n => zoneOf(n.labels)).filter((z): z is string => !!z), ...(spec?.zones ?? [])])].sort();
    return {
      machineType: node.labels[INSTANCE_TYPE_LABEL] ?? node.labels[INSTANCE_TYPE_LABEL_BETA],
      source: 'node',
      estimated: false,
      taints,
      placements: placementsOf(state, labels, taints, zones),
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
      placements: placementsOf(state, labels, taints, zones),
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
    placements: placementsOf(state, labels, taints, zones),
    allocatable: toResourceMap(estimate.allocatable),
    capacity: toResourceMap(estimate.capacity),
    ...overheadFromDaemonSets(state, labels, taints),
  };
}

/** How the pool grows: the nodes a scale-up could add and whether it may add one. */
export function buildPoolTemplate(
  pool: PoolState,
  state: ClusterState,
  catalog: MachineCatalog,
  options: { prefixDelegation?: boolean },
): PoolTemplate {
  const notes: string[] = [];
  const profile = providerProfile(pool.provider);
  const { kind, scaling } = scalingOf(pool, notes);
  const candidates =
    profile.growth.kind === 'provisioner'
      ? provisionerCandidates(
          pool,
          profile,
          profile.growth.noun,
          state,
          catalog,
          options,
          pool.nodes.length ? overheadFromNodes(pool) : undefined,
          notes,
        )
      : [nodeGroupCandidate(pool, profile, state, catalog, options, notes)];
  for (const candidate of candidates) {
    if (!candidate.allocatable) continue;
    const free: ResourceMap = {};
    for (const [name, amount] of Object.entries(candidate.allocatable)) free[name] = amount - (candidate.overhead[name] ?? 0);
    free.pods = (candidate.allocatable.pods ?? 0) - candidate.overheadPods;
    candidate.free = free;
    candidate.freeVector = state.resources.vector(free);
  }
  return { kind, candidates, scaling, notes };
}
