import { hostPortsOf, type HostPort } from '../checks/hostPorts';
import type { Container, Pod, PodAffinityTerm, PodSpec } from '../kube';
import type { SkippedItem } from '../types';
import { isObject, listAt, objectAt, optionalString, requiredString, stringMap } from './fields';
import { readItem } from './items';
import type { NodeRecord } from './node';
import { isTerminal, readPod, type PodRecord } from './pod';
import { podAffinityTerms } from './podSpec';
import { addInto, podRequests, type ResourceMap } from './requests';

const NO_PORTS: HostPort[] = [];
const NO_LABELS: Record<string, string> = {};
const NO_TERMS: PodAffinityTerm[] = [];

/**
 * A pod already bound to a node, as other pods' affinity and spread rules see
 * it. Clusters have many of these, so this is all that is kept of most.
 */
export interface PlacedPod {
  namespace: string;
  labels: Record<string, string>;
  deleting: boolean;
  /** What its node's pods take; shared by every pod of the node, and the way to the node. */
  usage: NodeUsage;
  /** Its node and the node's labels, set when the node is in the list. */
  node?: NodeRecord;
  nodeLabels: Record<string, string>;
}

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

/** What the bound pods of one node take from it, summed while reading. */
export interface NodeUsage {
  nodeName: string;
  requests: ResourceMap;
  pods: number;
  ports: HostPort[];
  /** Set when the node is in the node list. */
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

/**
 * Reads a bound pod: what it takes goes into its node's usage; a lean record
 * is kept for affinity and spread, and a full one (`BoundPod`) only for
 * DaemonSet pods, pods with required anti-affinity and pods still Pending on
 * their node. Terminal pods (Succeeded, Failed) hold nothing and are left out.
 */
export function readBoundPod(raw: unknown, index: number, usageOf: (nodeName: string) => NodeUsage): PlacedPod | undefined {
  const pod = objectAt(raw, '(item)') as Pod & Record<string, unknown>;
  const status = isObject(pod.status) ? pod.status : {};
  const phase = optionalString(status.phase, 'status.phase') ?? 'Pending';
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const metadata = objectAt(pod.metadata, 'metadata');
  const namespace = optionalString(metadata.namespace, 'metadata.namespace') || 'default';
  const name = requiredString(metadata.name, 'metadata.name');
  const spec = objectAt(pod.spec, 'spec') as PodSpec & Record<string, unknown>;
  const nodeName = requiredString(spec.nodeName, 'spec.nodeName');
  const labels = stringMap(metadata.labels, 'metadata.labels');
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
  const usage = usageOf(nodeName);
  addInto(usage.requests, requests);
  usage.pods++;
  if (ports.length) usage.ports = [...usage.ports, ...ports];
  if (!daemonSet && antiTerms.length === 0 && phase !== 'Pending') {
    return { namespace, labels, deleting, usage, node: undefined, nodeLabels: NO_LABELS };
  }
  const bound: BoundPod = {
    namespace,
    labels,
    deleting,
    usage,
    node: undefined,
    nodeLabels: NO_LABELS,
    index,
    name,
    nodeName,
    phase,
    requests,
    hostPorts: ports,
    podAntiAffinity: antiTerms,
    daemonSet,
    raw,
  };
  return bound;
}

/** The pod list, read: pods waiting for the scheduler in full, bound pods the lean way. */
export interface PodsRead {
  pending: PodRecord[];
  placed: PlacedPod[];
  /** Bound pods kept in full: DaemonSet pods, pods with anti-affinity, pods still Pending on a node. */
  special: BoundPod[];
  /** Per node name, what its bound pods take. */
  usage: Map<string, NodeUsage>;
}

/**
 * Reads pods one at a time, as a list or a stream hands them over: pods
 * waiting for the scheduler in full, bound pods the lean way. Of each
 * DaemonSet's pods only the first keeps its item, to stand for it on new
 * nodes.
 */
export class PodsReader {
  readonly result: PodsRead = { pending: [], placed: [], special: [], usage: new Map() };
  private readonly daemonSetsKept = new Set<string>();
  private readonly usageOf = (nodeName: string) => {
    let usage = this.result.usage.get(nodeName);
    if (!usage) this.result.usage.set(nodeName, (usage = { nodeName, requests: {}, pods: 0, ports: NO_PORTS, node: undefined }));
    return usage;
  };

  constructor(private readonly skipped: SkippedItem[]) {}

  add(raw: unknown, index: number) {
    readItem(raw, index, 'pods', 'Pod', this.skipped, () => {
      if (isBoundPodItem(raw)) {
        const placed = readBoundPod(raw, index, this.usageOf);
        if (!placed) return;
        this.result.placed.push(placed);
        if (!('raw' in placed)) return;
        const bound = placed as BoundPod;
        if (bound.daemonSet && !this.daemonSetsKept.has(bound.daemonSet)) this.daemonSetsKept.add(bound.daemonSet);
        else bound.raw = undefined;
        this.result.special.push(bound);
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
