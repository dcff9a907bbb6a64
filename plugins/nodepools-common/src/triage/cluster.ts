import { poolRef, type NodePool, type PoolSpec, type Provider, type Taint } from '../model/pool';
import {
  compilePodAffinityTerm,
  indexExistingAntiAffinity,
  indexPlacedPods,
  type CompiledPodAffinityTerm,
  type ExistingAntiAffinity,
  type PlacedPods,
} from './checks/interPodAffinity';
import { UNSCHEDULABLE_TAINT } from './checks/unschedulable';
import { volumeTopology, type VolumeTopology } from './checks/volumeZone';
import type { NodeSelectorTerm } from './kube';
import { PROVIDER_TRANSIENT_TAINT_KEYS, providerOfPoolLabel, providerProfile } from '../providers/registry';
import { PER_NODE_LABEL_KEYS, poolOfNodeLabels, zoneOf } from './labels';
import {
  readPod,
  type BoundPod,
  type EventRecord,
  type NodeRecord,
  type NodeUsage,
  type PlacedPod,
  type PodRecord,
} from './read';
import { compareText } from './compare';
import { FieldError, type ResourceMap } from './resources';

/**
 * Labels, taints and cordon state: what the label- and taint-based checks
 * look at. Existing nodes that share them form one class; a template node
 * is a shape too.
 */
export interface NodeShape {
  id: number;
  labels: Record<string, string>;
  taints: Taint[];
  taintsId: number;
  unschedulable: boolean;
  /** Interned projections of `labels` onto the label keys a signature's node affinity reads. */
  projections: Map<number, number>;
}

/** Nodes of one pool with the same shape, and the most room any of them has. */
export interface NodeClass extends NodeShape {
  nodes: NodeRecord[];
  /** Per resource, the most any node of the class has free (allocatable minus requested; pods: slots). */
  maxFree: ResourceMap;
  maxFreeVector: Float64Array;
  /** Per resource, the largest allocatable among the class's nodes; see `maxAllocatableOf`. */
  maxAllocatable?: ResourceMap;
}

export interface PoolState {
  /** Position in `ClusterState.pools`. */
  index: number;
  key: string;
  cluster: string;
  name: string;
  provider: Provider;
  ref: string;
  spec?: PoolSpec | NodePool;
  /** The node label that names this pool's nodes. */
  label?: string;
  nodes: NodeRecord[];
  classes: NodeClass[];
  /** Per resource index, the most any node of the pool has free. */
  maxFreeVector: Float64Array;
}

/**
 * Resource names as small indexes, so room checks compare typed arrays
 * instead of looking names up. Slot 0 is free pod slots, 1 is cpu.
 */
export class ResourceIndex {
  static readonly PODS = 0;
  static readonly CPU = 1;
  readonly names: string[] = ['pods', 'cpu', 'memory'];
  private readonly ids = new Map(this.names.map((name, i) => [name, i] as const));

  add(name: string) {
    if (!this.ids.has(name)) {
      this.ids.set(name, this.names.length);
      this.names.push(name);
    }
  }

  /** -1 for a resource no node and no pending pod names: nothing has it. */
  id(name: string): number {
    return this.ids.get(name) ?? -1;
  }

  /** Free amounts as a vector; `pods` is the number of free pod slots. */
  vector(free: ResourceMap): Float64Array {
    const vector = new Float64Array(this.names.length);
    for (const [name, amount] of Object.entries(free)) {
      const id = this.ids.get(name);
      if (id !== undefined) vector[id] = amount;
    }
    return vector;
  }
}

/** Interns strings to small numbers, so caches can key on numbers. */
export class Interner {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
}

export interface ClusterState {
  cluster: string;
  nodes: NodeRecord[];
  nodesByName: Map<string, NodeRecord>;
  pools: PoolState[];
  /** The pool of a node. */
  poolOf(node: NodeRecord): PoolState;
  /** Pods waiting for the scheduler (Pending, no node). */
  pending: PodRecord[];
  /** Pods bound to a node name that is not in the node list. */
  boundToMissingNode: BoundPod[];
  /** Pods placed on a node whose sandbox is still being created. */
  creating: BoundPod[];
  placed: PlacedPods<PlacedPod>;
  existingAntiAffinity: ExistingAntiAffinity[];
  namespaceLabels: Map<string, Record<string, string>>;
  /** One running pod per DaemonSet, as the model of what it puts on a new node. */
  daemonSets: Map<string, PodRecord>;
  zones: string[];
  /** `namespace/claim` -> where its bound volume can be used. */
  volumes: Map<string, VolumeTopology>;
  events: Map<string, EventRecord[]>;
  taintSets: Interner;
  resources: ResourceIndex;
  /** Node classes by id. */
  classes: NodeClass[];
  nextShapeId(): number;
}

/** The largest allocatable per resource among a class's nodes, worked out when a message needs it. */
export function maxAllocatableOf(cls: NodeClass): ResourceMap {
  if (!cls.maxAllocatable) {
    const max: ResourceMap = {};
    for (const node of cls.nodes) {
      for (const name in node.allocatable) {
        if (!(name in max) || node.allocatable[name] > max[name]) max[name] = node.allocatable[name];
      }
    }
    cls.maxAllocatable = max;
  }
  return cls.maxAllocatable;
}

export function freeCpu(node: NodeRecord): number {
  return node.free[ResourceIndex.CPU];
}

export function podKey(pod: { namespace: string; name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}

/** A 32-bit FNV-1a hash of the labels other than the per-node ones, to group nodes without building long keys. */
function labelsHash(record: Record<string, string>, skip: ReadonlySet<string>): number {
  let hash = 0x811c9dc5;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0xff, 0x01000193);
  };
  for (const key in record) {
    if (skip.has(key)) continue;
    mix(key);
    mix(record[key]);
  }
  return hash >>> 0;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>, skip: ReadonlySet<string>): boolean {
  let count = 0;
  for (const key in a) {
    if (skip.has(key)) continue;
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const key in b) if (!skip.has(key)) count--;
  return count === 0;
}

export function taintsKey(taints: readonly Taint[]): string {
  return taints
    .map(t => `${t.key}=${t.value ?? ''}:${t.effect}`)
    .sort()
    .join(',');
}

/**
 * Picks the cluster a kubectl snapshot belongs to when the caller did not
 * say: the cluster whose pools name the most nodes.
 */
function resolveCluster(
  explicit: string | undefined,
  pools: ReadonlyArray<PoolSpec | NodePool>,
  nodes: readonly NodeRecord[],
): string {
  if (explicit) return explicit;
  const clusters = [...new Set(pools.map(p => p.cluster))];
  if (clusters.length === 0) return 'default';
  if (clusters.length === 1) return clusters[0];
  const nodePools = new Set(nodes.map(n => poolOfNodeLabels(n.labels).name));
  let best = clusters[0];
  let bestCount = -1;
  for (const cluster of clusters) {
    const count = pools.filter(p => p.cluster === cluster && nodePools.has(p.name)).length;
    if (count > bestCount) {
      best = cluster;
      bestCount = count;
    }
  }
  return best;
}

/** Node lifecycle taints that a new node of the pool will not have: Kubernetes', the cluster autoscaler's and the providers' own. */
const TRANSIENT_TAINT_PREFIXES = ['node.kubernetes.io/', 'node.cloudprovider.kubernetes.io/'];
const TRANSIENT_TAINTS = new Set(['ToBeDeletedByClusterAutoscaler', 'DeletionCandidateOfClusterAutoscaler']);

export function isTransientTaint(taint: Taint): boolean {
  return (
    TRANSIENT_TAINTS.has(taint.key) ||
    PROVIDER_TRANSIENT_TAINT_KEYS.has(taint.key) ||
    TRANSIENT_TAINT_PREFIXES.some(p => taint.key.startsWith(p))
  );
}

function matchingSpec(
  specsByName: ReadonlyMap<string, ReadonlyArray<PoolSpec | NodePool>>,
  name: string,
  label: string | undefined,
): PoolSpec | NodePool | undefined {
  const provider = label ? providerOfPoolLabel(label) : undefined;
  const named = specsByName.get(name) ?? [];
  return named.find(p => p.provider === provider) ?? named[0];
}

/** The label the provider names its nodes' pool with; self-managed pools have none of their own. */
function defaultPoolLabel(provider: Provider): string | undefined {
  const labels = providerProfile(provider).nodeLabels;
  return labels.poolSetByProvider ? labels.pool[0] : undefined;
}

export interface ClusterInput {
  cluster?: string;
  pools: ReadonlyArray<PoolSpec | NodePool>;
  nodes: NodeRecord[];
  /** Pods waiting for the scheduler. */
  pendingPods: PodRecord[];
  /** Pods bound to a node, terminal ones left out. */
  placedPods: PlacedPod[];
  /** The bound pods kept in full (DaemonSet pods, anti-affinity, Pending on a node). */
  specialPods: BoundPod[];
  /** Per node name, what its bound pods take. */
  usage: ReadonlyMap<string, NodeUsage>;
  events: EventRecord[];
  persistentVolumes: ReadonlyArray<{ name: string; labels: Record<string, string>; terms?: NodeSelectorTerm[] }>;
  persistentVolumeClaims: ReadonlyArray<{ namespace: string; name: string; volumeName?: string }>;
  namespaces: ReadonlyArray<{ name: string; labels: Record<string, string> }>;
}

/** Puts nodes into pools and classes, binds pods to nodes, and indexes what the checks need. */
export function buildClusterState(input: ClusterInput): ClusterState {
  const cluster = resolveCluster(input.cluster, input.pools, input.nodes);
  const specs = input.pools.filter(p => p.cluster === cluster);
  const taintSets = new Interner();
  let shapeCounter = 0;
  const nextShapeId = () => shapeCounter++;

  const nodesByName = new Map<string, NodeRecord>();
  for (const node of input.nodes) nodesByName.set(node.name, node);

  const pending: PodRecord[] = [];
  const boundToMissingNode: BoundPod[] = [];
  const creating: BoundPod[] = [];
  const daemonSets = new Map<string, PodRecord>();
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const ns of input.namespaces) {
    namespaceLabels.set(ns.name, { 'kubernetes.io/metadata.name': ns.name, ...ns.labels });
  }
  const namespaces = new Set<string>();
  for (const pod of input.pendingPods) {
    namespaces.add(pod.namespace);
    if (pod.phase === 'Pending' && !pod.deleting) pending.push(pod);
  }
  for (const usage of input.usage.values()) {
    const node = nodesByName.get(usage.nodeName);
    if (!node) continue;
    usage.node = node;
    node.requested = usage.requests;
    node.podCount = usage.pods;
    node.usedPorts = usage.ports;
  }
  const placedPods: PlacedPod[] = [];
  for (const pod of input.placedPods) {
    namespaces.add(pod.namespace);
    const node = pod.usage.node;
    if (!node) continue;
    pod.node = node;
    pod.nodeLabels = node.labels;
    placedPods.push(pod);
  }
  const antiAffinityPods: BoundPod[] = [];
  for (const pod of input.specialPods) {
    const node = pod.node;
    if (!node) {
      if (pod.phase === 'Pending' && !pod.deleting) boundToMissingNode.push(pod);
      continue;
    }
    if (pod.daemonSet) {
      node.daemonPods = [...node.daemonPods, pod];
      if (!daemonSets.has(pod.daemonSet)) {
        // One pod stands for its DaemonSet on nodes that do not exist yet.
        try {
          daemonSets.set(pod.daemonSet, readPod(pod.raw, pod.index));
        } catch (e) {
          if (!(e instanceof FieldError)) throw e;
        }
      }
    }
    if (pod.podAntiAffinity.length > 0) antiAffinityPods.push(pod);
    if (pod.phase === 'Pending') creating.push(pod);
  }
  for (const namespace of namespaces) {
    if (!namespaceLabels.has(namespace)) {
      namespaceLabels.set(namespace, { 'kubernetes.io/metadata.name': namespace });
    }
  }
  const antiOwners: Array<{ terms: CompiledPodAffinityTerm[]; nodeLabels: Record<string, string> }> =
    antiAffinityPods.map(pod => ({
      terms: pod.podAntiAffinity.map(term => compilePodAffinityTerm(term, pod, namespaceLabels)),
      nodeLabels: pod.nodeLabels,
    }));

  const pools = new Map<string, PoolState>();
  const makePool = (name: string, provider: Provider, label: string | undefined, spec?: PoolSpec | NodePool) => {
    const state: PoolState = {
      index: pools.size,
      key: `${spec?.provider ?? provider}/${name}`,
      cluster,
      name,
      provider: spec?.provider ?? provider,
      ref: spec && 'ref' in spec ? spec.ref : poolRef({ ...(spec ?? {}), provider: spec?.provider ?? provider, cluster, name }),
      spec,
      label: label ?? defaultPoolLabel(spec?.provider ?? provider),
      nodes: [],
      classes: [],
      maxFreeVector: new Float64Array(0),
    };
    pools.set(state.key, state);
    return state;
  };
  for (const spec of specs) {
    if (!pools.has(`${spec.provider}/${spec.name}`)) makePool(spec.name, spec.provider, undefined, spec);
  }
  const specsByName = new Map<string, Array<PoolSpec | NodePool>>();
  for (const spec of specs) {
    const list = specsByName.get(spec.name);
    if (list) list.push(spec);
    else specsByName.set(spec.name, [spec]);
  }
  // Nodes of a pool usually come one after another: remember the last pool.
  let last: { name: string; label?: string; pool: PoolState } | undefined;
  for (const node of input.nodes) {
    const named = poolOfNodeLabels(node.labels);
    let pool: PoolState;
    if (last && last.name === named.name && last.label === named.label) {
      pool = last.pool;
    } else {
      const spec = named.label ? matchingSpec(specsByName, named.name, named.label) : undefined;
      const key = `${spec?.provider ?? named.provider}/${named.name}`;
      pool = pools.get(key) ?? makePool(named.name, named.provider, named.label, spec);
      if (named.label) pool.label = named.label;
      last = { name: named.name, label: named.label, pool };
    }
    pool.nodes.push(node);
    node.poolIndex = pool.index;
  }

  const resources = new ResourceIndex();
  for (const node of input.nodes) for (const name of Object.keys(node.allocatable)) resources.add(name);
  for (const pod of input.pendingPods) for (const name of Object.keys(pod.requests)) resources.add(name);
  for (const node of input.nodes) {
    const free = new Float64Array(resources.names.length);
    for (const [name, allocatable] of Object.entries(node.allocatable)) {
      const id = resources.id(name);
      if (id >= 0) free[id] = allocatable - (node.requested[name] ?? 0);
    }
    for (const [name, requested] of Object.entries(node.requested)) {
      const id = resources.id(name);
      if (id >= 0 && !(name in node.allocatable)) free[id] = -requested;
    }
    free[ResourceIndex.PODS] = (node.allocatable.pods ?? 0) - node.podCount;
    node.free = free;
  }
  const classList: NodeClass[] = [];
  const zones = new Set<string>();
  for (const pool of pools.values()) {
    const classes = new Map<string, NodeClass[]>();
    for (const node of pool.nodes) {
      const zone = zoneOf(node.labels);
      if (zone) zones.add(zone);
      // A cordoned node carries the unschedulable taint; the cordon check already reports it.
      const checkedTaints = node.unschedulable
        ? node.taints.filter(t => t.key !== UNSCHEDULABLE_TAINT.key)
        : node.taints;
      const taints = checkedTaints.length ? taintsKey(checkedTaints) : '';
      const bucket = `${node.unschedulable ? 1 : 0}|${taints}|${labelsHash(node.labels, PER_NODE_LABEL_KEYS)}`;
      let candidates = classes.get(bucket);
      if (!candidates) classes.set(bucket, (candidates = []));
      let cls = candidates.find(c => sameLabels(c.nodes[0].labels, node.labels, PER_NODE_LABEL_KEYS));
      if (!cls) {
        const labels: Record<string, string> = {};
        for (const k in node.labels) if (!PER_NODE_LABEL_KEYS.has(k)) labels[k] = node.labels[k];
        cls = {
          id: nextShapeId(),
          labels,
          taints: checkedTaints,
          taintsId: taintSets.id(taints),
          unschedulable: node.unschedulable,
          projections: new Map(),
          nodes: [],
          maxFree: {},
          maxFreeVector: new Float64Array(resources.names.length).fill(-Infinity),
        };
        candidates.push(cls);
        classList[cls.id] = cls;
      }
      node.classId = cls.id;
      for (let r = 0; r < node.free.length; r++) {
        if (node.free[r] > cls.maxFreeVector[r]) cls.maxFreeVector[r] = node.free[r];
      }
      cls.nodes.push(node);
    }
    // Largest class first: it is the pool's typical node. Within a class the
    // node with the most free cpu comes first, so a search can stop early.
    pool.classes = [...classes.values()].flat().sort((a, b) => b.nodes.length - a.nodes.length);
    pool.maxFreeVector = new Float64Array(resources.names.length).fill(-Infinity);
    for (const cls of pool.classes) {
      cls.nodes.sort((a, b) => freeCpu(b) - freeCpu(a));
      resources.names.forEach((name, r) => {
        if (cls.maxFreeVector[r] !== -Infinity) cls.maxFree[name] = cls.maxFreeVector[r];
      });
      for (let r = 0; r < cls.maxFreeVector.length; r++) {
        if (cls.maxFreeVector[r] > pool.maxFreeVector[r]) pool.maxFreeVector[r] = cls.maxFreeVector[r];
      }
    }
    for (const zone of pool.spec?.zones ?? []) zones.add(zone);
  }

  const volumesByName = new Map(
    input.persistentVolumes.map(pv => [pv.name, volumeTopology(pv.name, pv.labels, pv.terms)] as const),
  );
  const volumes = new Map<string, VolumeTopology>();
  for (const claim of input.persistentVolumeClaims) {
    const topology = claim.volumeName ? volumesByName.get(claim.volumeName) : undefined;
    if (topology) volumes.set(`${claim.namespace}/${claim.name}`, topology);
  }

  const events = new Map<string, EventRecord[]>();
  for (const event of input.events) {
    const key = podKey(event);
    let list = events.get(key);
    if (!list) events.set(key, (list = []));
    list.push(event);
  }
  for (const list of events.values()) list.sort((a, b) => compareText(a.time, b.time));

  const poolList = [...pools.values()];
  return {
    cluster,
    nodes: input.nodes,
    nodesByName,
    pools: poolList,
    poolOf: (node: NodeRecord) => poolList[node.poolIndex],
    pending,
    boundToMissingNode,
    creating,
    placed: indexPlacedPods(placedPods),
    existingAntiAffinity: indexExistingAntiAffinity(antiOwners),
    namespaceLabels,
    daemonSets,
    zones: [...zones].sort(),
    volumes,
    events,
    taintSets,
    resources,
    classes: classList,
    nextShapeId,
  };
}
