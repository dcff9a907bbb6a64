import { hostPortsOf, type HostPort } from '../checks/hostPorts';
import type { Container, Pod, PodAffinityTerm, PodSpec } from '../kube';
import type { SkippedItem } from '../types';
import { isObject, listAt, objectAt, optionalString, requiredString, stringMap } from './fields';
import { readItem } from './items';
import { NO_DAEMON_PODS, NO_HOST_PORTS, type NodeRecord } from './node';
import { isTerminal, readPod, type PodRecord } from './pod';
import { podAffinityTerms } from './podSpec';
import { addInto, podRequests, type ResourceMap } from './requests';
import { RequestedByNode } from './requestedByNode';
import { SharedLists } from './sharedLists';

const NO_PORTS: HostPort[] = [];
const NO_TERMS: PodAffinityTerm[] = [];

/**
 * A pod already bound to a node, as other pods' affinity and spread rules see
 * it. Clusters have many of these (400,000 at design scale), so this is all
 * that is kept of most: four fields.
 */
export interface PlacedPod {
  namespace: string;
  labels: Record<string, string>;
  deleting: boolean;
  /** Its node: set while reading when the node came first, else when the pods are bound; unset when the node is not in the list. */
  node: NodeRecord | undefined;
}

/** A placed pod whose node is in the list: the ones the affinity and spread checks count. */
export type PlacedOnNode = PlacedPod & { node: NodeRecord };

/**
 * A bound pod that needs more than its labels: it belongs to a DaemonSet,
 * has required anti-affinity, or is still Pending on its node.
 */
export interface BoundPod extends PlacedPod {
  index: number;
  name: string;
  nodeName: string;
  phase: string;
  requests: ResourceMap;
  hostPorts: HostPort[];
  podAntiAffinity: PodAffinityTerm[];
  /** `namespace/name` of the owning DaemonSet. */
  daemonSet?: string;
  /** The item as given, kept for the first pod of each DaemonSet only: it stands for the DaemonSet on new nodes. */
  raw: unknown;
}

/** What a DaemonSet's pod takes from its node: what a new node of the pool would run too. */
export interface DaemonPod {
  /** `namespace/name` of the owning DaemonSet. */
  daemonSet?: string;
  requests: ResourceMap;
  hostPorts: HostPort[];
}

/**
 * What the bound pods of one node take from it, summed while reading: a
 * `NodeRecord` holds these too (its requests are summed apart, see
 * `RequestedByNode`).
 */
export interface PodUsage {
  podCount: number;
  /** Host ports its pods claim, in the order read; nodes with equal ones share the list. */
  usedPorts: readonly HostPort[];
  /** Its DaemonSet pods in the order read; equal ones of one DaemonSet are one object, equal lists one list. */
  daemonPods: readonly DaemonPod[];
}

/**
 * The usage of a node whose pods came before it, by its name: the node
 * takes it over when it is read. Pods read after their node add to the
 * node itself.
 */
export interface NodeUsage extends PodUsage {
  nodeName: string;
  /** What its pods request; the node adds it to its own when it is read. */
  requested: ResourceMap;
  /** Its node, once read; unset when the node is not in the node list. */
  node?: NodeRecord;
}

/** Whether an input item is a pod bound to a node (as opposed to one waiting for the scheduler). */
export function isBoundPodItem(raw: unknown): boolean {
  return isObject(raw) && isObject(raw.spec) && typeof raw.spec.nodeName === 'string' && raw.spec.nodeName !== '';
}

function hasHostPort(containers: unknown): boolean {
  if (!Array.isArray(containers)) return false;
  for (const container of containers) {
    if (!isObject(container) || !Array.isArray(container.ports)) continue;
    for (const port of container.ports) if (isObject(port) && port.hostPort) return true;
  }
  return false;
}

/** How a bound pod's reading shares what many pods have alike. */
export interface BoundPodSharing {
  /** The node of this name if it was read already. */
  nodeNamed(nodeName: string): NodeRecord | undefined;
  /** The usage of a node not read yet. */
  usageOf(nodeName: string): NodeUsage;
  /** Adds a pod's requests to its node's. */
  addRequests(node: NodeRecord, requests: ResourceMap): void;
  /** Notes a pod whose node was not read yet: it gets its node once the pods are bound. */
  readBeforeItsNode(pod: PlacedPod, usage: NodeUsage): void;
  /** Adds a pod's host ports to what its node's pods claim. */
  addPorts(usage: PodUsage, ports: readonly HostPort[]): void;
  /** Adds a DaemonSet pod to its node's. */
  addDaemonPod(usage: PodUsage, pod: DaemonPod): void;
  /** True for the first pod of a DaemonSet read: its item stands for the DaemonSet on new nodes. */
  firstOf(daemonSet: string): boolean;
  /** The one object for a DaemonSet's pods with these requests and ports. */
  daemonPod(daemonSet: string, requests: ResourceMap, hostPorts: HostPort[]): DaemonPod;
  /** One object for equal label sets (the pods of a ReplicaSet have the same), one string for equal namespaces. */
  labels(labels: Record<string, string>): Record<string, string>;
  namespace(namespace: string): string;
}

/**
 * Reads a bound pod: what it takes goes into its node's usage, a DaemonSet
 * pod's requests and ports into its node's DaemonSet pods; a lean record is
 * kept for affinity and spread, and a full one (`BoundPod`) only for the
 * first pod of each DaemonSet, pods with required anti-affinity and pods
 * still Pending on their node. Terminal pods (Succeeded, Failed) hold
 * nothing and are left out.
 */
export function readBoundPod(raw: unknown, index: number, sharing: BoundPodSharing): PlacedPod | undefined {
  const pod = objectAt(raw, '(item)') as Pod & Record<string, unknown>;
  const status = isObject(pod.status) ? pod.status : {};
  const phase = optionalString(status.phase, 'status.phase') ?? 'Pending';
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const metadata = objectAt(pod.metadata, 'metadata');
  const namespace = sharing.namespace(optionalString(metadata.namespace, 'metadata.namespace') || 'default');
  const name = requiredString(metadata.name, 'metadata.name');
  const spec = objectAt(pod.spec, 'spec') as PodSpec & Record<string, unknown>;
  const nodeName = requiredString(spec.nodeName, 'spec.nodeName');
  const labels = sharing.labels(stringMap(metadata.labels, 'metadata.labels'));
  const requests = podRequests(spec);
  let daemonSet: string | undefined;
  if (Array.isArray(metadata.ownerReferences)) {
    for (const ref of metadata.ownerReferences as unknown[]) {
      if (isObject(ref) && ref.kind === 'DaemonSet') daemonSet = `${namespace}/${String(ref.name ?? ref.uid ?? '')}`;
    }
  }
  const affinity = isObject(spec.affinity) ? spec.affinity : undefined;
  const anti = affinity && isObject(affinity.podAntiAffinity) ? affinity.podAntiAffinity : undefined;
  const antiTerms = anti?.requiredDuringSchedulingIgnoredDuringExecution
    ? podAffinityTerms(
        anti.requiredDuringSchedulingIgnoredDuringExecution,
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution',
      )
    : NO_TERMS;
  const ports =
    hasHostPort(spec.containers) || hasHostPort(spec.initContainers)
      ? hostPortsOf(listAt<Container>(spec.containers, 'spec.containers'), listAt<Container>(spec.initContainers, 'spec.initContainers'))
      : NO_PORTS;
  const deleting = Boolean(metadata.deletionTimestamp);
  const node = sharing.nodeNamed(nodeName);
  const pending = node === undefined ? sharing.usageOf(nodeName) : undefined;
  const usage: PodUsage = node ?? (pending as NodeUsage);
  if (node) sharing.addRequests(node, requests);
  else addInto(pending!.requested, requests);
  usage.podCount++;
  if (ports.length) sharing.addPorts(usage, ports);
  const first = daemonSet !== undefined && sharing.firstOf(daemonSet);
  if (!first && antiTerms.length === 0 && phase !== 'Pending') {
    if (daemonSet) sharing.addDaemonPod(usage, sharing.daemonPod(daemonSet, requests, ports));
    const placed: PlacedPod = { namespace, labels, deleting, node };
    if (pending) sharing.readBeforeItsNode(placed, pending);
    return placed;
  }
  const bound: BoundPod = {
    namespace,
    labels,
    deleting,
    node,
    index,
    name,
    nodeName,
    phase,
    requests,
    hostPorts: ports,
    podAntiAffinity: antiTerms,
    daemonSet,
    raw: first ? raw : undefined,
  };
  if (daemonSet) sharing.addDaemonPod(usage, bound);
  if (pending) sharing.readBeforeItsNode(bound, pending);
  return bound;
}

function daemonPodKey(daemonSet: string, requests: ResourceMap, hostPorts: readonly HostPort[]): string {
  let key = daemonSet;
  for (const [name, amount] of Object.entries(requests)) key += `\u0000${name}=${amount}`;
  for (const port of hostPorts) key += `\u0000${port.ip}:${port.port}/${port.protocol}`;
  return key;
}

/** The pod list, read: pods waiting for the scheduler in full, bound pods the lean way. */
export interface PodsRead {
  pending: PodRecord[];
  /** What the bound pods of each node read request, by the node's index in its list. */
  requestedByNode: RequestedByNode;
  /** How many bound pods were read, terminal ones left out. */
  placedCount: number;
  /** Bound pods kept in full: the first pod of each DaemonSet, pods with anti-affinity, pods still Pending on a node. */
  special: BoundPod[];
  /**
   * Bound pods by namespace, as they are read: affinity and spread look
   * pods up so. No list of all of them: 400,000 pods make a list whose
   * copies, as it grows, are garbage in the heap the analysis works in.
   */
  placedByNamespace: Map<string, PlacedPod[]>;
  /** Bound pods read before their node, with the usage that leads to it: their node is set once the nodes are all read. */
  readBeforeTheirNode: PodBeforeItsNode[];
  /** Per name of a node not read (yet), what its bound pods take. */
  usage: Map<string, NodeUsage>;
}

export interface PodBeforeItsNode {
  pod: PlacedPod;
  usage: NodeUsage;
}

/**
 * Reads pods one at a time, as a list or a stream hands them over: pods
 * waiting for the scheduler in full, bound pods the lean way. Of each
 * DaemonSet's pods only the first keeps its item, to stand for it on new
 * nodes; the others are one shared record per DaemonSet and requests.
 */
export class PodsReader {
  readonly result: PodsRead = {
    pending: [],
    requestedByNode: new RequestedByNode(),
    placedCount: 0,
    special: [],
    placedByNamespace: new Map(),
    readBeforeTheirNode: [],
    usage: new Map(),
  };

  private readonly daemonSetsKept = new Set<string>();
  private readonly daemonPods = new Map<string, DaemonPod>();
  private readonly labelSets = new Map<string, Record<string, string>>();
  private readonly namespaces = new Map<string, string>();
  private readonly ports = new Map<string, HostPort>();
  private readonly portLists = new SharedLists<HostPort>();
  private readonly daemonPodLists = new SharedLists<DaemonPod>();
  private readonly sharing: BoundPodSharing = {
    nodeNamed: nodeName => this.knownNode(nodeName),
    usageOf: nodeName => {
      let usage = this.result.usage.get(nodeName);
      if (!usage) {
        usage = {
          nodeName,
          requested: {},
          podCount: 0,
          usedPorts: NO_HOST_PORTS,
          daemonPods: NO_DAEMON_PODS,
          node: undefined,
        };
        this.result.usage.set(nodeName, usage);
      }
      return usage;
    },
    addRequests: (node, requests) => this.result.requestedByNode.add(node.index, requests),
    readBeforeItsNode: (pod, usage) => {
      this.result.readBeforeTheirNode.push({ pod, usage });
    },
    addPorts: (usage, ports) => {
      for (const port of ports) {
        const key = `${port.ip}:${port.port}/${port.protocol}`;
        let shared = this.ports.get(key);
        if (!shared) this.ports.set(key, (shared = port));
        usage.usedPorts = this.portLists.append(usage.usedPorts, shared);
      }
    },
    addDaemonPod: (usage, pod) => {
      usage.daemonPods = this.daemonPodLists.append(usage.daemonPods, pod);
    },
    firstOf: daemonSet => {
      if (this.daemonSetsKept.has(daemonSet)) return false;
      this.daemonSetsKept.add(daemonSet);
      return true;
    },
    daemonPod: (daemonSet, requests, hostPorts) => {
      const key = daemonPodKey(daemonSet, requests, hostPorts);
      let pod = this.daemonPods.get(key);
      if (!pod) this.daemonPods.set(key, (pod = { daemonSet, requests, hostPorts }));
      return pod;
    },
    labels: labels => {
      let key = '';
      for (const name in labels) if (Object.hasOwn(labels, name)) key += `${name}\u0000${labels[name]}\u0000`;
      const shared = this.labelSets.get(key);
      if (shared) return shared;
      this.labelSets.set(key, labels);
      return labels;
    },
    namespace: namespace => {
      const shared = this.namespaces.get(namespace);
      if (shared !== undefined) return shared;
      this.namespaces.set(namespace, namespace);
      return namespace;
    },
  };

  /**
   * `knownNode` gives the node read already of a name: its pods' usage is
   * added to the node itself.
   */
  constructor(
    private readonly skipped: SkippedItem[],
    private readonly knownNode: (name: string) => NodeRecord | undefined = () => undefined,
  ) {}

  /** The usage of pods read before their node, handed over to the node now read (and no longer kept by name). */
  takeUsage(nodeName: string): NodeUsage | undefined {
    const usage = this.result.usage.get(nodeName);
    if (usage) this.result.usage.delete(nodeName);
    return usage;
  }

  add(raw: unknown, index: number) {
    readItem(raw, index, 'pods', 'Pod', this.skipped, () => {
      if (isBoundPodItem(raw)) {
        const placed = readBoundPod(raw, index, this.sharing);
        if (!placed) return;
        const result = this.result;
        result.placedCount++;
        let inNamespace = result.placedByNamespace.get(placed.namespace);
        if (!inNamespace) result.placedByNamespace.set(placed.namespace, (inNamespace = []));
        inNamespace.push(placed);
        if ('raw' in placed) this.result.special.push(placed as BoundPod);
      } else {
        const pod = readPod(raw, index);
        if (!isTerminal(pod)) this.result.pending.push(pod);
      }
    });
  }
}

export function readPods(items: readonly unknown[], skipped: SkippedItem[]): PodsRead {
  const reader = new PodsReader(skipped);
  items.forEach((raw, index) => reader.add(raw, index));
  return reader.result;
}
