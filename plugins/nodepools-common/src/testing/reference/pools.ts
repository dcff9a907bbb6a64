/**
 * The reference evaluator's pools and the nodes a scale-up of each could
 * add, from the pool definitions, the provider profiles and the machine
 * catalog (data, not scheduling code). The model it follows is the one the
 * engine documents: a node group with nodes adds copies of its nodes (they
 * are taken to be alike but for zone, hostname and lifecycle taints), one
 * without adds its first machine type from the catalog, and a provisioner
 * adds any catalog type its requirements allow, within its limits.
 */
import { estimateAllocatable } from '../../machines/allocatable';
import type { MachineCatalog } from '../../machines/catalog';
import { instanceLabels, isInstanceLabelKey } from '../../machines/instanceLabels';
import type { MachineType } from '../../machines/types';
import type { NodePool, PoolRequirement, PoolSpec } from '../../model/pool';
import { capacityTypeLabels, implicitTaintsOf, modeLabels } from '../../providers/nodeFacts';
import { POOL_LABELS, PROVIDER_TRANSIENT_TAINT_KEYS, providerProfile } from '../../providers/registry';
import { quantityToInteger, quantityToMilli } from '../../quantity/parse';
import type { NodeView } from './filters';
import type { Amounts, Port, RefNode, RefPod, SelectorTerm, TaintOf } from './objects';
import { blockingTaints, nodeAffinityMatches, termMatches } from './semantics';

/** The name of a node that does not exist yet; no requirement names it. */
export const NEW_NODE = '\u0000a node a scale-up adds';
const ZONE = 'topology.kubernetes.io/zone';
const ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';

export interface NewNode {
  /** One view per place it may land: zone and capacity type. */
  placements: NodeView[];
  /** What a provisioner counts against its limits. */
  capacity?: Amounts;
}

export interface RefPool {
  key: string;
  name: string;
  provider: string;
  spec?: PoolSpec | NodePool;
  nodes: RefNode[];
  newNodes: NewNode[];
  /** A node group under its max, or a provisioner. */
  canAdd: boolean;
  /** A provisioner's limits minus what its nodes already have. */
  limitsLeft?: Amounts;
}

interface DaemonPod {
  requests: Amounts;
  ports: Port[];
}

function transient(taint: TaintOf): boolean {
  return (
    taint.key.startsWith('node.kubernetes.io/') ||
    taint.key.startsWith('node.cloudprovider.kubernetes.io/') ||
    taint.key === 'ToBeDeletedByClusterAutoscaler' ||
    taint.key === 'DeletionCandidateOfClusterAutoscaler' ||
    PROVIDER_TRANSIENT_TAINT_KEYS.has(taint.key)
  );
}

function daemonOverhead(pods: readonly DaemonPod[]): Pick<NodeView, 'requested' | 'podCount' | 'ports'> {
  const requested: Amounts = {};
  const ports: Port[] = [];
  for (const pod of pods) {
    for (const [name, amount] of Object.entries(pod.requests)) requested[name] = (requested[name] ?? 0) + amount;
    for (const port of pod.ports) {
      if (!ports.some(p => p.port === port.port && p.protocol === port.protocol && (p.ip === port.ip || p.ip === '0.0.0.0' || port.ip === '0.0.0.0'))) {
        ports.push(port);
      }
    }
  }
  return { requested, podCount: pods.length, ports };
}

/** A DaemonSet pod runs on a new node whose taints it tolerates and whose labels its affinity (without its node pin) accepts. */
function runsOn(pod: RefPod, labels: Record<string, string>, taints: TaintOf[]): boolean {
  if (blockingTaints(taints, pod.tolerations).length > 0) return false;
  let terms: SelectorTerm[] | undefined = pod.terms?.map(term => ({ matchExpressions: term.matchExpressions ?? [] }));
  if (pod.terms?.some(term => term.matchFields?.length && !term.matchExpressions?.length)) terms = undefined;
  return nodeAffinityMatches(pod.nodeSelector, terms, labels, NEW_NODE);
}

function allows(requirement: PoolRequirement, value: string | undefined): boolean {
  return termMatches({ matchExpressions: [requirement] }, value === undefined ? {} : { [requirement.key]: value }, NEW_NODE);
}

function scheduled(amounts: Record<string, number | undefined>): Amounts {
  const result: Amounts = {};
  for (const [name, value] of Object.entries(amounts)) {
    if (value !== undefined) result[name] = name === 'cpu' ? Math.round(value * 1000) : Math.floor(value);
  }
  return result;
}

export interface PoolContext {
  cluster: string;
  catalog: MachineCatalog;
  prefixDelegation?: boolean;
  /** Every zone of a node or a pool definition, sorted. */
  zones: string[];
  /** One running pod per DaemonSet, in input order. */
  daemonSets: RefPod[];
  /** Pods bound to each node. */
  podsOn: Map<string, RefPod[]>;
}

function placementsOf(base: Record<string, string>, zones: string[], variants: Array<Record<string, string>>) {
  const placements: Array<Record<string, string>> = [];
  for (const zone of zones.length ? zones : [undefined]) {
    for (const variant of variants) {
      const labels: Record<string, string> = { ...base, ...variant, 'kubernetes.io/hostname': NEW_NODE };
      if (zone !== undefined) {
        labels[ZONE] = zone;
        if (ZONE_BETA in base) labels[ZONE_BETA] = zone;
      }
      placements.push(labels);
    }
  }
  return placements;
}

function newNodeOf(
  placements: Array<Record<string, string>>,
  taints: TaintOf[],
  allocatable: Amounts | undefined,
  overhead: Pick<NodeView, 'requested' | 'podCount' | 'ports'>,
  capacity?: Amounts,
): NewNode {
  return {
    capacity,
    placements: placements.map(labels => ({ name: NEW_NODE, labels, taints, unschedulable: false, allocatable, ...overhead })),
  };
}

/** The labels a provider puts on a pool's new nodes from its definition. */
function poolLabels(pool: RefPool, label: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (label) labels[label] = pool.name;
  const spec = pool.spec;
  if (!spec) return labels;
  const profile = providerProfile(pool.provider);
  Object.assign(labels, { 'kubernetes.io/os': spec.os, 'beta.kubernetes.io/os': spec.os });
  if (spec.region) Object.assign(labels, { 'topology.kubernetes.io/region': spec.region, 'failure-domain.beta.kubernetes.io/region': spec.region });
  if (profile.nodeLabels.poolSetByProvider) for (const key of profile.nodeLabels.pool) labels[key] = pool.name;
  Object.assign(labels, modeLabels(profile, spec.mode));
  if (profile.growth.kind === 'node-group') Object.assign(labels, capacityTypeLabels(profile, spec.capacityType));
  return { ...labels, ...spec.labels };
}

function taintsOf(pool: RefPool, own: TaintOf[], machine: MachineType | undefined): TaintOf[] {
  const profile = providerProfile(pool.provider);
  const taints = [...own];
  const context = {
    capacityType: profile.growth.kind === 'node-group' ? pool.spec?.capacityType : undefined,
    gpus: machine?.gpus,
    poolName: pool.name,
    requirements: pool.spec?.requirements,
  };
  for (const { taint } of implicitTaintsOf(profile, context)) if (!taints.some(t => t.key === taint.key)) taints.push(taint);
  return taints;
}

function fromOwnNodes(pool: RefPool, context: PoolContext): Pick<NodeView, 'requested' | 'podCount' | 'ports'> {
  const largest = new Map<string, RefPod>();
  const size = (pod: RefPod) => (pod.requests.cpu ?? 0) + (pod.requests.memory ?? 0);
  for (const node of pool.nodes) {
    for (const pod of context.podsOn.get(node.name) ?? []) {
      if (!pod.daemonSet) continue;
      const seen = largest.get(pod.daemonSet);
      if (!seen || size(pod) > size(seen)) largest.set(pod.daemonSet, pod);
    }
  }
  return daemonOverhead([...largest.values()]);
}

function fromDaemonSets(context: PoolContext, labels: Record<string, string>, taints: TaintOf[]) {
  return daemonOverhead(context.daemonSets.filter(pod => runsOn(pod, labels, taints)));
}

function estimate(pool: RefPool, machine: MachineType, context: PoolContext) {
  const formula = providerProfile(pool.provider).allocatableFormula;
  if (!formula) return undefined;
  return estimateAllocatable(machine, formula, {
    maxPods: pool.spec?.maxPodsPerNode,
    prefixDelegation: context.prefixDelegation,
    kubernetesVersion: pool.spec?.kubernetesVersion,
    diskGiB: pool.spec?.diskSizeGb,
  });
}

/** A copy of the pool's first node, in every zone its nodes or definition name. */
function copyOfNode(pool: RefPool, context: PoolContext): NewNode {
  const node = pool.nodes[0];
  const base: Record<string, string> = { ...node.labels, ...(pool.spec?.labels ?? {}) };
  delete base['kubernetes.io/hostname'];
  const taints = node.taints.filter(t => !transient(t));
  const zones = [...new Set([...pool.nodes.map(n => n.labels[ZONE] ?? n.labels[ZONE_BETA]).filter(Boolean), ...(pool.spec?.zones ?? [])])].sort();
  return newNodeOf(placementsOf(base, zones, [{}]), taints, node.allocatable, fromOwnNodes(pool, context), node.capacity);
}

/** A node group without nodes: its first machine type, from the catalog. */
function fromCatalog(pool: RefPool, label: string | undefined, context: PoolContext): NewNode {
  const spec = pool.spec!;
  const profile = providerProfile(pool.provider);
  const name = spec.machineTypes[0];
  const cloud = profile.cloud === 'none' ? undefined : profile.cloud;
  const machine = name ? (cloud && context.catalog.get(cloud, name)) || context.catalog.find(name) : undefined;
  const labels = poolLabels(pool, label);
  if (machine) Object.assign(labels, instanceLabels(machine));
  else if (name) Object.assign(labels, { 'node.kubernetes.io/instance-type': name, 'beta.kubernetes.io/instance-type': name });
  if (spec.arch) Object.assign(labels, { 'kubernetes.io/arch': spec.arch, 'beta.kubernetes.io/arch': spec.arch });
  const taints = taintsOf(pool, spec.taints, machine);
  const found = machine ? estimate(pool, machine, context) : undefined;
  const placements = placementsOf(labels, spec.zones.length ? spec.zones : context.zones, [{}]);
  return newNodeOf(placements, taints, found && scheduled(found.allocatable), fromDaemonSets(context, labels, taints));
}

/** A provisioner: every catalog type its requirements allow, in each zone and capacity type they allow. */
function provisioned(pool: RefPool, label: string | undefined, context: PoolContext): NewNode[] {
  const spec = pool.spec;
  const profile = providerProfile(pool.provider);
  const growth = profile.growth;
  if (growth.kind !== 'provisioner') return [];
  const requirements = spec?.requirements ?? [];
  let cloud = profile.cloud === 'none' ? undefined : profile.cloud;
  for (const [prefix, other] of Object.entries(growth.cloudByRequirementPrefix)) {
    if (requirements.some(r => r.key.startsWith(prefix))) cloud = other;
  }
  const capacityLabels = profile.nodeLabels.capacityType.filter(l => !l.readOnly);
  const capacityKeys = new Set(capacityLabels.map(l => l.key));
  const onCapacity = requirements.filter(r => capacityKeys.has(r.key));
  const variants = capacityLabels
    .filter(l => (onCapacity.length ? onCapacity.every(r => r.key !== l.key || allows(r, l.value)) : l.capacityType === 'on-demand'))
    .map(l => ({ [l.key]: l.value }));
  const onZone = requirements.filter(r => r.key === ZONE);
  const named = onZone.filter(r => r.operator === 'In').flatMap(r => r.values ?? []);
  const known = spec?.zones?.length ? spec.zones : context.zones;
  const zones = (named.length ? named : known).filter(z => onZone.every(r => allows(r, z)));
  const base = poolLabels(pool, label);
  for (const r of requirements) {
    if (isInstanceLabelKey(r.key) || r.key === ZONE || capacityKeys.has(r.key)) continue;
    if (r.operator === 'In' && r.values?.length) base[r.key] = r.values[0];
  }
  const own = (spec?.taints ?? []).filter(t => !transient(t));
  const os = spec?.os ?? 'linux';
  const fixedOverhead = pool.nodes.length ? fromOwnNodes(pool, context) : undefined;
  return (cloud ? context.catalog.list(cloud) : [])
    .filter(machine => !spec?.machineTypes.length || spec.machineTypes.includes(machine.name))
    .filter(machine => {
      const labels: Record<string, string> = { ...instanceLabels(machine), 'kubernetes.io/os': os };
      return requirements.filter(r => isInstanceLabelKey(r.key)).every(r => allows(r, labels[r.key]));
    })
    .flatMap(machine => {
      const found = estimate(pool, machine, context);
      if (!found) return [];
      const labels = { ...base, ...instanceLabels(machine), 'kubernetes.io/os': os };
      const taints = taintsOf(pool, own, machine);
      const overhead = fixedOverhead ?? fromDaemonSets(context, labels, taints);
      return [newNodeOf(placementsOf(labels, zones, variants), taints, scheduled(found.allocatable), overhead, scheduled(found.capacity))];
    });
}

function limitsLeft(pool: RefPool): Amounts | undefined {
  const limits = pool.spec?.limits;
  if (!limits) return undefined;
  const left: Amounts = {};
  for (const [name, value] of Object.entries(limits)) {
    try {
      left[name] = name === 'cpu' ? quantityToMilli(value) : quantityToInteger(value);
    } catch {
      continue;
    }
    for (const node of pool.nodes) left[name] -= node.capacity[name] ?? 0;
  }
  return left;
}

/** Every pool of the cluster: its definitions, then pools only node labels name, each with its nodes. */
export function buildPools(specs: ReadonlyArray<PoolSpec | NodePool>, nodes: readonly RefNode[], context: PoolContext): RefPool[] {
  const pools = new Map<string, RefPool>();
  const labelOf = new Map<RefPool, string | undefined>();
  const add = (name: string, provider: string, spec?: PoolSpec | NodePool) => {
    const pool: RefPool = { key: `${provider}/${name}`, name, provider, spec, nodes: [], newNodes: [], canAdd: false };
    pools.set(pool.key, pool);
    const profile = providerProfile(provider);
    labelOf.set(pool, profile.nodeLabels.poolSetByProvider ? profile.nodeLabels.pool[0] : undefined);
    return pool;
  };
  const mine = specs.filter(s => s.cluster === context.cluster);
  for (const spec of mine) if (!pools.has(`${spec.provider}/${spec.name}`)) add(spec.name, spec.provider, spec);
  for (const node of nodes) {
    const named = POOL_LABELS.find(l => node.labels[l.key]);
    const name = named ? node.labels[named.key] : '(unpooled)';
    const provider = named?.provider ?? 'kubernetes';
    const spec = named ? mine.find(s => s.name === name && s.provider === provider) ?? mine.find(s => s.name === name) : undefined;
    const key = `${spec?.provider ?? provider}/${name}`;
    const pool = pools.get(key) ?? add(name, spec?.provider ?? provider, spec);
    if (named) labelOf.set(pool, named.key);
    pool.nodes.push(node);
  }
  for (const pool of pools.values()) {
    const spec = pool.spec;
    const label = labelOf.get(pool);
    if (providerProfile(pool.provider).growth.kind === 'provisioner') {
      pool.newNodes = provisioned(pool, label, context);
      pool.canAdd = true;
      pool.limitsLeft = limitsLeft(pool);
      continue;
    }
    pool.newNodes = [pool.nodes.length ? copyOfNode(pool, context) : fromCatalog(pool, label, context)];
    const current = spec?.nodeCount ?? pool.nodes.length;
    const max = spec?.autoscaling.max;
    pool.canAdd = Boolean(spec?.autoscaling.enabled) && (max === undefined || current < max);
  }
  return [...pools.values()];
}
