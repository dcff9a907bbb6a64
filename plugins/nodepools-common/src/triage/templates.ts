import { estimateAllocatable, allocatableFormulaFor } from '../machines/allocatable';
import type { MachineCatalog } from '../machines/catalog';
import type { MachineCloud, MachineType } from '../machines/types';
import type { PoolRequirement, Taint } from '../model/pool';
import { quantityToInteger, quantityToMilli } from '../quantity/parse';
import { portsConflict, type HostPort } from './checks/hostPorts';
import { checkNodeAffinity, compileNodeAffinity, matchesRequirement } from './checks/nodeAffinity';
import { untoleratedTaints } from './checks/taints';
import { isTransientTaint, taintsKey, type ClusterState, type NodeShape, type PoolState } from './cluster';
import type { NodeSelectorTerm } from './kube';
import {
  ARCH_LABEL,
  HOSTNAME_LABEL,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  NEW_NODE_HOSTNAME,
  OS_LABEL,
  REGION_LABEL,
  REGION_LABEL_BETA,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
  zoneOf,
} from './labels';
import type { BoundPod, PodRecord } from './read';
import { addInto, type ResourceMap } from './resources';
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
  kind: 'node-group' | 'karpenter' | 'fixed';
  candidates: TemplateCandidate[];
  scaling: PoolScaling;
  notes: string[];
}

const CLOUD_OF_PROVIDER: Record<string, MachineCloud | undefined> = {
  eks: 'aws',
  karpenter: 'aws',
  gke: 'gcp',
  aks: 'azure',
  doks: 'digitalocean',
};

/** Karpenter on Azure (node auto-provisioning) uses its own instance labels. */
function karpenterCloud(requirements: readonly PoolRequirement[]): MachineCloud {
  return requirements.some(r => r.key.startsWith('karpenter.azure.com/')) ? 'azure' : 'aws';
}

/** Labels that describe the instance itself: Karpenter filters instance types by them. */
function instanceLabels(machine: MachineType): Record<string, string> {
  const labels: Record<string, string> = {
    [INSTANCE_TYPE_LABEL]: machine.name,
    [INSTANCE_TYPE_LABEL_BETA]: machine.name,
    [ARCH_LABEL]: machine.arch,
    'beta.kubernetes.io/arch': machine.arch,
  };
  if (machine.cloud === 'aws') {
    const [family, size = ''] = machine.name.split('.');
    const category = /^[a-z]+/.exec(family)?.[0] ?? family;
    const generation = /\d+/.exec(family)?.[0] ?? '';
    const values: Record<string, string> = {
      category,
      family,
      generation,
      size,
      cpu: String(machine.vcpu),
      memory: String(machine.memoryMiB),
      'gpu-count': String(machine.gpus),
    };
    if (machine.hypervisor) values.hypervisor = machine.hypervisor;
    if (machine.gpuModel) {
      values['gpu-name'] = machine.gpuModel;
      values['gpu-manufacturer'] = 'nvidia';
    }
    for (const [key, value] of Object.entries(values)) {
      labels[`karpenter.k8s.aws/instance-${key}`] = value;
      labels[`eks.amazonaws.com/instance-${key}`] = value;
    }
  } else if (machine.cloud === 'azure') {
    labels['karpenter.azure.com/sku-name'] = machine.name;
    labels['karpenter.azure.com/sku-family'] = machine.family;
    labels['karpenter.azure.com/sku-cpu'] = String(machine.vcpu);
    labels['karpenter.azure.com/sku-memory'] = String(machine.memoryMiB);
    labels['karpenter.azure.com/sku-gpu-count'] = String(machine.gpus);
  } else if (machine.cloud === 'gcp') {
    labels['cloud.google.com/machine-family'] = machine.family;
    if (machine.gpuModel) labels['cloud.google.com/gke-accelerator'] = machine.gpuModel;
  }
  return labels;
}

/** Keys a Karpenter requirement can test against the instance type itself. */
function isInstanceKey(key: string): boolean {
  return (
    key === INSTANCE_TYPE_LABEL ||
    key === INSTANCE_TYPE_LABEL_BETA ||
    key === ARCH_LABEL ||
    key.startsWith('karpenter.k8s.aws/instance-') ||
    key.startsWith('eks.amazonaws.com/instance-') ||
    key.startsWith('karpenter.azure.com/sku-')
  );
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

/** The `eks.amazonaws.com/capacityType` label value per capacity type. */
const EKS_CAPACITY_TYPE_LABEL: Partial<Record<string, string>> = {
  'on-demand': 'ON_DEMAND',
  spot: 'SPOT',
  'capacity-block': 'CAPACITY_BLOCK',
};

/** Labels a provider puts on every node of a pool, from the pool definition alone. */
function providerLabels(pool: PoolState): Record<string, string> {
  const spec = pool.spec;
  const labels: Record<string, string> = {};
  if (pool.label) labels[pool.label] = pool.name;
  if (!spec) return labels;
  labels[OS_LABEL] = spec.os;
  labels['beta.kubernetes.io/os'] = spec.os;
  if (spec.region) {
    labels[REGION_LABEL] = spec.region;
    labels[REGION_LABEL_BETA] = spec.region;
  }
  const spot = spec.capacityType === 'spot';
  switch (pool.provider) {
    case 'eks':
      labels['eks.amazonaws.com/nodegroup'] = pool.name;
      labels['eks.amazonaws.com/capacityType'] = EKS_CAPACITY_TYPE_LABEL[spec.capacityType] ?? 'ON_DEMAND';
      break;
    case 'karpenter':
      labels['karpenter.sh/nodepool'] = pool.name;
      break;
    case 'gke':
      labels['cloud.google.com/gke-nodepool'] = pool.name;
      if (spot) labels['cloud.google.com/gke-spot'] = 'true';
      break;
    case 'aks':
      labels['kubernetes.azure.com/agentpool'] = pool.name;
      labels.agentpool = pool.name;
      labels['kubernetes.azure.com/mode'] = spec.mode;
      if (spot) labels['kubernetes.azure.com/scalesetpriority'] = 'spot';
      break;
    case 'doks':
      labels['doks.digitalocean.com/node-pool'] = pool.name;
      break;
    default:
      break;
  }
  return { ...labels, ...spec.labels };
}

/** Taints a provider adds by itself to some pools, on top of the pool's own. */
function providerTaints(pool: PoolState, machine: MachineType | undefined, own: readonly Taint[]): Taint[] {
  const taints = [...own];
  const has = (key: string) => taints.some(t => t.key === key);
  if (pool.provider === 'gke' && machine && machine.gpus > 0 && !has('nvidia.com/gpu')) {
    taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
  }
  if (pool.provider === 'aks' && pool.spec?.capacityType === 'spot' && !has('kubernetes.azure.com/scalesetpriority')) {
    taints.push({ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' });
  }
  return taints;
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
  if (pool.provider === 'karpenter') {
    const limits = parseLimits(spec?.limits, notes, pool);
    let remaining: ResourceMap | undefined;
    if (limits) {
      const used: ResourceMap = {};
      for (const node of pool.nodes) addInto(used, node.capacity);
      remaining = {};
      for (const [name, limit] of Object.entries(limits)) remaining[name] = limit - (used[name] ?? 0);
    }
    return { kind: 'karpenter', scaling: { canAdd: true, current: pool.nodes.length, limits, remaining } };
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

/** Karpenter NodePool: every catalog type its requirements allow, in every zone and capacity type allowed. */
function karpenterCandidates(
  pool: PoolState,
  state: ClusterState,
  catalog: MachineCatalog,
  options: { prefixDelegation?: boolean },
  fromNodes: Overhead | undefined,
  notes: string[],
): TemplateCandidate[] {
  const spec = pool.spec;
  const requirements = spec?.requirements ?? [];
  const cloud = karpenterCloud(requirements);
  const allowedNames = spec?.machineTypes?.length ? new Set(spec.machineTypes) : undefined;
  const instanceRequirements = requirements.filter(r => isInstanceKey(r.key));
  const capacityRequirement = requirements.filter(r => r.key === 'karpenter.sh/capacity-type');
  const capacityTypes = ['on-demand', 'spot', 'reserved'].filter(value =>
    capacityRequirement.length ? capacityRequirement.every(r => requirementAllows(r, value)) : value === 'on-demand',
  );
  const zoneRequirements = requirements.filter(r => r.key === ZONE_LABEL);
  const knownZones = spec?.zones?.length ? spec.zones : state.zones;
  const zonesNamed = zoneRequirements.filter(r => r.operator === 'In').flatMap(r => r.values ?? []);
  const zones = (zonesNamed.length ? zonesNamed : knownZones).filter(zone =>
    zoneRequirements.every(r => requirementAllows(r, zone)),
  );
  const fixedLabels: Record<string, string> = {};
  for (const requirement of requirements) {
    if (isInstanceKey(requirement.key) || requirement.key === ZONE_LABEL || requirement.key === 'karpenter.sh/capacity-type') continue;
    if (requirement.operator === 'In' && requirement.values?.length) fixedLabels[requirement.key] = requirement.values[0];
  }
  const base = { ...providerLabels(pool), ...fixedLabels };
  const taints = (spec?.taints ?? []).filter(t => !isTransientTaint(t));
  const types = catalog.list(cloud).filter(machine => {
    if (allowedNames && !allowedNames.has(machine.name)) return false;
    const labels = instanceLabels(machine);
    labels[OS_LABEL] = spec?.os ?? 'linux';
    return instanceRequirements.every(r => requirementAllows(r, labels[r.key]));
  });
  if (types.length === 0) {
    notes.push(`NodePool ${pool.name}: no machine type of the catalog satisfies its requirements`);
  }
  return types.map(machine => {
    const labels = { ...base, ...instanceLabels(machine), [OS_LABEL]: spec?.os ?? 'linux' };
    const estimate = estimateAllocatable(machine, 'eks', {
      maxPods: spec?.maxPodsPerNode,
      prefixDelegation: options.prefixDelegation,
      kubernetesVersion: spec?.kubernetesVersion,
      diskGiB: spec?.diskSizeGb,
    });
    const overhead = fromNodes ?? overheadFromDaemonSets(state, labels, taints);
    return {
      machineType: machine.name,
      source: 'catalog' as const,
      estimated: true,
      taints,
      placements: placementsOf(
        state,
        labels,
        taints,
        zones,
        capacityTypes.map(type => ({ 'karpenter.sh/capacity-type': type })),
      ),
      allocatable: toResourceMap(estimate.allocatable),
      capacity: toResourceMap(estimate.capacity),
      ...overhead,
    };
  });
}

/** A node group's new node: a copy of its typical node, or built from the catalog when it has none. */
function nodeGroupCandidate(
  pool: PoolState,
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
  const cloud = CLOUD_OF_PROVIDER[pool.provider];
  const machine = name ? (cloud && catalog.get(cloud, name)) || catalog.find(name) : undefined;
  const formula = allocatableFormulaFor(pool.provider);
  const labels = { ...providerLabels(pool) };
  if (machine) Object.assign(labels, instanceLabels(machine));
  else if (name) Object.assign(labels, { [INSTANCE_TYPE_LABEL]: name, [INSTANCE_TYPE_LABEL_BETA]: name });
  if (spec?.arch) {
    labels[ARCH_LABEL] = spec.arch;
    labels['beta.kubernetes.io/arch'] = spec.arch;
  }
  const taints = providerTaints(pool, machine, spec?.taints ?? []);
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
  const { kind, scaling } = scalingOf(pool, notes);
  const candidates =
    kind === 'karpenter'
      ? karpenterCandidates(pool, state, catalog, options, pool.nodes.length ? overheadFromNodes(pool) : undefined, notes)
      : [nodeGroupCandidate(pool, state, catalog, options, notes)];
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
