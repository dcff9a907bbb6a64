import { TAINT_EFFECTS, type Taint, type TaintEffect } from '../model/pool';
import { PROVISIONER_POOL_LABELS } from '../providers/registry';
import { hostPortsOf, type HostPort } from './checks/hostPorts';
import type {
  Container,
  KubeEvent,
  LabelSelector,
  Node,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  PodSpec,
  Toleration,
  TopologySpreadConstraint,
} from './kube';
import { FieldError, addInto, isObject, parseResourceList, podRequests, type ResourceMap } from './resources';
import type { SkippedItem } from './types';

/** Input that cannot be analyzed at all (not a list). */
export class TriageInputError extends Error {
  readonly list: string;
  readonly field: string;
  constructor(list: string, field: string, message: string) {
    super(`${list}: field '${field}': ${message}`);
    this.name = 'TriageInputError';
    this.list = list;
    this.field = field;
  }
}

/**
 * The items of `kubectl get ... -o json` output: a List (`items`), a bare
 * array, or a single object of the expected kind.
 */
export function listItems(input: unknown, list: string, kind: string): unknown[] {
  if (Array.isArray(input)) return input;
  if (isObject(input)) {
    if (Array.isArray(input.items)) return input.items;
    if (input.kind === kind) return [input];
    if ('items' in input) throw new TriageInputError(list, 'items', 'must be a list');
  }
  throw new TriageInputError(
    list,
    'items',
    `expected the output of 'kubectl get ${list} -o json' (a List with items), got ${describe(input)}`,
  );
}

function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (!isObject(value)) throw new FieldError(field, `must be an object, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `'${value}'` : typeof value;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FieldError(field, `must be a string, got ${describe(value)}`);
  return value;
}

function requiredString(value: unknown, field: string): string {
  const text = optionalString(value, field);
  if (!text) throw new FieldError(field, 'is required');
  return text;
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const map = objectAt(value, field);
  for (const [key, entry] of Object.entries(map)) {
    if (typeof entry !== 'string') throw new FieldError(`${field}.${key}`, `must be a string, got ${describe(entry)}`);
  }
  return map as Record<string, string>;
}

function listAt<T = unknown>(value: unknown, field: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FieldError(field, `must be a list, got ${describe(value)}`);
  return value as T[];
}

function stringList(value: unknown, field: string): string[] {
  return listAt(value, field).map((entry, i) => requiredString(entry, `${field}[${i}]`));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!allowed.includes(value as T)) {
    throw new FieldError(field, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

function nodeSelectorTerms(value: unknown, field: string): NodeSelectorTerm[] {
  return listAt(value, field).map((raw, i) => {
    const term = objectAt(raw, `${field}[${i}]`);
    const requirements = (key: 'matchExpressions' | 'matchFields') =>
      listAt(term[key], `${field}[${i}].${key}`).map((r, j) => {
        const at = `${field}[${i}].${key}[${j}]`;
        const requirement = objectAt(r, at);
        return {
          key: requiredString(requirement.key, `${at}.key`),
          operator: oneOf(requirement.operator, NODE_SELECTOR_OPERATORS, `${at}.operator`) ?? 'In',
          values: stringList(requirement.values, `${at}.values`),
        };
      });
    return { matchExpressions: requirements('matchExpressions'), matchFields: requirements('matchFields') };
  });
}

function labelSelector(value: unknown, field: string): LabelSelector | null {
  if (value === undefined || value === null) return null;
  const selector = objectAt(value, field);
  return {
    matchLabels: stringMap(selector.matchLabels, `${field}.matchLabels`),
    matchExpressions: listAt(selector.matchExpressions, `${field}.matchExpressions`).map((r, i) => {
      const at = `${field}.matchExpressions[${i}]`;
      const requirement = objectAt(r, at);
      return {
        key: requiredString(requirement.key, `${at}.key`),
        operator: oneOf(requirement.operator, LABEL_SELECTOR_OPERATORS, `${at}.operator`) ?? 'In',
        values: stringList(requirement.values, `${at}.values`),
      };
    }),
  };
}

function podAffinityTerms(value: unknown, field: string): PodAffinityTerm[] {
  return listAt(value, field).map((raw, i) => {
    const at = `${field}[${i}]`;
    const term = objectAt(raw, at);
    return {
      labelSelector: labelSelector(term.labelSelector, `${at}.labelSelector`),
      namespaces: stringList(term.namespaces, `${at}.namespaces`),
      namespaceSelector:
        term.namespaceSelector === undefined || term.namespaceSelector === null
          ? null
          : labelSelector(term.namespaceSelector, `${at}.namespaceSelector`),
      topologyKey: requiredString(term.topologyKey, `${at}.topologyKey`),
      matchLabelKeys: stringList(term.matchLabelKeys, `${at}.matchLabelKeys`),
      mismatchLabelKeys: stringList(term.mismatchLabelKeys, `${at}.mismatchLabelKeys`),
    };
  });
}

function tolerations(value: unknown, field: string): Toleration[] {
  return listAt(value, field).map((raw, i) => {
    const at = `${field}[${i}]`;
    const toleration = objectAt(raw, at);
    return {
      key: optionalString(toleration.key, `${at}.key`),
      operator: oneOf(toleration.operator, ['Equal', 'Exists'] as const, `${at}.operator`),
      value: optionalString(toleration.value, `${at}.value`),
      effect: oneOf(toleration.effect, TAINT_EFFECTS, `${at}.effect`),
    };
  });
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new FieldError(field, `must be a whole number of at least 1, got ${describe(value)}`);
  }
  return value;
}

function spreadConstraints(value: unknown, field: string): TopologySpreadConstraint[] {
  return listAt(value, field).map((raw, i) => {
    const at = `${field}[${i}]`;
    const constraint = objectAt(raw, at);
    return {
      maxSkew: positiveInteger(constraint.maxSkew, `${at}.maxSkew`),
      topologyKey: requiredString(constraint.topologyKey, `${at}.topologyKey`),
      whenUnsatisfiable:
        oneOf(constraint.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway'] as const, `${at}.whenUnsatisfiable`) ??
        'DoNotSchedule',
      labelSelector: labelSelector(constraint.labelSelector, `${at}.labelSelector`),
      minDomains:
        constraint.minDomains === undefined || constraint.minDomains === null
          ? undefined
          : positiveInteger(constraint.minDomains, `${at}.minDomains`),
      nodeAffinityPolicy: oneOf(constraint.nodeAffinityPolicy, ['Honor', 'Ignore'] as const, `${at}.nodeAffinityPolicy`),
      nodeTaintsPolicy: oneOf(constraint.nodeTaintsPolicy, ['Honor', 'Ignore'] as const, `${at}.nodeTaintsPolicy`),
      matchLabelKeys: stringList(constraint.matchLabelKeys, `${at}.matchLabelKeys`),
    };
  });
}

/** A pod as the triage uses it. */
export interface PodRecord {
  index: number;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  phase: string;
  nodeName?: string;
  deleting: boolean;
  requests: ResourceMap;
  hostPorts: HostPort[];
  tolerations: Toleration[];
  nodeSelector: Record<string, string>;
  /** Undefined when the pod has no required node affinity. */
  nodeAffinityTerms?: NodeSelectorTerm[];
  podAffinity: PodAffinityTerm[];
  podAntiAffinity: PodAffinityTerm[];
  spread: TopologySpreadConstraint[];
  claims: string[];
  /** `namespace/name` of the owning DaemonSet. */
  daemonSet?: string;
  schedulingGates: string[];
  /** The PodScheduled=False condition's message, kube-scheduler's own verdict. */
  schedulerCondition?: string;
  /** Waiting reasons of its containers (ContainerCreating...). */
  waiting: string[];
}

/** The phase a pod is in for scheduling purposes. */
export function isTerminal(pod: PodRecord): boolean {
  return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}

export function readPod(raw: unknown, index: number): PodRecord {
  const pod = objectAt(raw, '(item)') as Pod & Record<string, unknown>;
  const metadata = objectAt(pod.metadata, 'metadata');
  const name = requiredString(metadata.name, 'metadata.name');
  const namespace = optionalString(metadata.namespace, 'metadata.namespace') || 'default';
  if (pod.spec === undefined || pod.spec === null) throw new FieldError('spec', 'is missing: a pod needs a spec');
  const spec = objectAt(pod.spec, 'spec') as PodSpec & Record<string, unknown>;
  const containers = listAt<Container>(spec.containers, 'spec.containers');
  const initContainers = listAt<Container>(spec.initContainers, 'spec.initContainers');
  containers.forEach((c, i) => objectAt(c, `spec.containers[${i}]`));
  initContainers.forEach((c, i) => objectAt(c, `spec.initContainers[${i}]`));
  const status = isObject(pod.status) ? pod.status : {};
  const affinity = spec.affinity === undefined || spec.affinity === null ? {} : objectAt(spec.affinity, 'spec.affinity');
  const nodeAffinity = isObject(affinity.nodeAffinity) ? affinity.nodeAffinity : {};
  const requiredNode = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  const owner = listAt<Record<string, unknown>>(metadata.ownerReferences, 'metadata.ownerReferences').find(
    ref => isObject(ref) && ref.kind === 'DaemonSet',
  );
  const conditions = listAt<Record<string, unknown>>(status.conditions, 'status.conditions');
  const scheduled = conditions.find(c => isObject(c) && c.type === 'PodScheduled' && c.status === 'False');
  const containerStatuses = listAt<Record<string, any>>(status.containerStatuses, 'status.containerStatuses');
  return {
    index,
    namespace,
    name,
    labels: stringMap(metadata.labels, 'metadata.labels'),
    phase: optionalString(status.phase, 'status.phase') ?? 'Pending',
    nodeName: optionalString(spec.nodeName, 'spec.nodeName') || undefined,
    deleting: Boolean(metadata.deletionTimestamp),
    requests: podRequests(spec),
    hostPorts: hostPortsOf(containers, initContainers),
    tolerations: tolerations(spec.tolerations, 'spec.tolerations'),
    nodeSelector: stringMap(spec.nodeSelector, 'spec.nodeSelector'),
    nodeAffinityTerms:
      requiredNode === undefined || requiredNode === null
        ? undefined
        : nodeSelectorTerms(
            objectAt(requiredNode, 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution')
              .nodeSelectorTerms,
            'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
          ),
    podAffinity: podAffinityTerms(
      isObject(affinity.podAffinity) ? affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution : undefined,
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution',
    ),
    podAntiAffinity: podAffinityTerms(
      isObject(affinity.podAntiAffinity)
        ? affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution
        : undefined,
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution',
    ),
    spread: spreadConstraints(spec.topologySpreadConstraints, 'spec.topologySpreadConstraints'),
    claims: listAt<Record<string, any>>(spec.volumes, 'spec.volumes')
      .map(v => (isObject(v) && isObject(v.persistentVolumeClaim) ? v.persistentVolumeClaim.claimName : undefined))
      .filter((c): c is string => typeof c === 'string' && c !== ''),
    daemonSet: owner ? `${namespace}/${String(owner.name ?? owner.uid ?? '')}` : undefined,
    schedulingGates: listAt<Record<string, unknown>>(spec.schedulingGates, 'spec.schedulingGates')
      .map(g => (isObject(g) ? String(g.name ?? '') : ''))
      .filter(Boolean),
    schedulerCondition: scheduled && typeof scheduled.message === 'string' ? scheduled.message : undefined,
    waiting: containerStatuses
      .map(s => (isObject(s) && isObject(s.state) && isObject(s.state.waiting) ? s.state.waiting.reason : undefined))
      .filter((r): r is string => typeof r === 'string'),
  };
}

const NO_PORTS: HostPort[] = [];
const NO_ROOM = new Float64Array(0);
const NO_LABELS: Record<string, string> = {};
const NO_TAINTS: Taint[] = [];
const NO_PODS: BoundPod[] = [];
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
  /** The item as given, read in full only when the pod must stand for its DaemonSet. */
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

/** A node as the triage uses it; `requested`, `podCount`, `usedPorts` and `pods` are filled from bound pods. */
export interface NodeRecord {
  index: number;
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  allocatable: ResourceMap;
  capacity: ResourceMap;
  requested: ResourceMap;
  podCount: number;
  usedPorts: HostPort[];
  /** Its DaemonSet pods: what a new node of its pool would run too. */
  daemonPods: BoundPod[];
  /** Free amounts by resource index (allocatable minus requested; slot 0: free pod slots). */
  free: Float64Array;
  /** Id of the node class it belongs to. */
  classId: number;
  /** Position of its pool in the cluster's pool list. */
  poolIndex: number;
}

function countsCapacity(labels: Record<string, unknown>): boolean {
  return PROVISIONER_POOL_LABELS.some(key => key in labels);
}

export function readNode(raw: unknown, index: number): NodeRecord {
  const node = objectAt(raw, '(item)') as Node & Record<string, unknown>;
  const metadata = objectAt(node.metadata, 'metadata');
  const spec = node.spec === undefined || node.spec === null ? {} : objectAt(node.spec, 'spec');
  const status = node.status === undefined || node.status === null ? {} : objectAt(node.status, 'status');
  if (spec.unschedulable !== undefined && typeof spec.unschedulable !== 'boolean') {
    throw new FieldError('spec.unschedulable', `must be true or false, got ${describe(spec.unschedulable)}`);
  }
  if (!isObject(status.allocatable)) {
    throw new FieldError('status.allocatable', 'is missing: without it the node cannot be checked for room');
  }
  const allocatable = parseResourceList(status.allocatable, 'status.allocatable');
  return {
    index,
    name: requiredString(metadata.name, 'metadata.name'),
    labels: stringMap(metadata.labels, 'metadata.labels'),
    taints: listAt(spec.taints, 'spec.taints').length === 0 ? NO_TAINTS : listAt(spec.taints, 'spec.taints').map((t, i) => {
      const at = `spec.taints[${i}]`;
      const taint = objectAt(t, at);
      const effect = oneOf(taint.effect, TAINT_EFFECTS, `${at}.effect`);
      if (!effect) throw new FieldError(`${at}.effect`, 'is required');
      const value = optionalString(taint.value, `${at}.value`);
      return {
        key: requiredString(taint.key, `${at}.key`),
        ...(value ? { value } : {}),
        effect: effect as TaintEffect,
      };
    }),
    unschedulable: spec.unschedulable === true,
    allocatable,
    // Only provisioners' pools count capacity (against their limits); other nodes skip the parse.
    capacity:
      isObject(status.capacity) && isObject(metadata.labels) && countsCapacity(metadata.labels)
        ? parseResourceList(status.capacity, 'status.capacity')
        : allocatable,
    requested: {},
    podCount: 0,
    usedPorts: NO_PORTS,
    daemonPods: NO_PODS,
    free: NO_ROOM,
    classId: -1,
    poolIndex: -1,
  };
}

/** An event about a pod: FailedScheduling, or a sandbox that could not get an IP address. */
export interface EventRecord {
  reason: string;
  message: string;
  namespace: string;
  name: string;
  /** ISO time of the last occurrence, for picking the latest. */
  time: string;
}

export function readEvent(raw: unknown): EventRecord | undefined {
  const event = objectAt(raw, '(item)') as KubeEvent & Record<string, unknown>;
  // core/v1 events name `involvedObject`; events.k8s.io/v1 events name `regarding`.
  const subject = [event.involvedObject, event.regarding].find(isObject);
  if (!subject) throw new FieldError('involvedObject', 'is missing: the event names no object');
  if (subject.kind !== undefined && subject.kind !== 'Pod') return undefined;
  const message = optionalString(event.message ?? event.note, event.message !== undefined ? 'message' : 'note') ?? '';
  const metadata = isObject(event.metadata) ? event.metadata : {};
  const series = isObject(event.series) ? event.series : {};
  return {
    reason: optionalString(event.reason, 'reason') ?? '',
    message,
    namespace: optionalString(subject.namespace, 'involvedObject.namespace') || 'default',
    name: requiredString(subject.name, 'involvedObject.name'),
    time: String(
      series.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? metadata.creationTimestamp ?? '',
    ),
  };
}

/** Names an item for a skipped entry: `Pod default/web-1`, or its position when it has no name. */
export function objectName(raw: unknown, list: string, kind: string, index: number): string {
  if (isObject(raw) && isObject(raw.metadata) && typeof raw.metadata.name === 'string' && raw.metadata.name) {
    const ns = typeof raw.metadata.namespace === 'string' && raw.metadata.namespace ? `${raw.metadata.namespace}/` : '';
    return `${kind} ${ns}${raw.metadata.name}`;
  }
  return `${list} item ${index}`;
}

/** Reads every item, keeping the good ones and listing the bad ones as skipped. */
export function readItems<T>(
  items: readonly unknown[],
  list: string,
  kind: string,
  read: (raw: unknown, index: number) => T | undefined,
  skipped: SkippedItem[],
): T[] {
  const result: T[] = [];
  items.forEach((raw, index) => {
    try {
      const item = read(raw, index);
      if (item !== undefined) result.push(item);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      skipped.push({ list, index, object: objectName(raw, list, kind, index), field: e.field, message: e.message });
    }
  });
  return result;
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

export function readPods(items: readonly unknown[], skipped: SkippedItem[]): PodsRead {
  const result: PodsRead = { pending: [], placed: [], special: [], usage: new Map() };
  const usageOf = (nodeName: string) => {
    let usage = result.usage.get(nodeName);
    if (!usage) result.usage.set(nodeName, (usage = { nodeName, requests: {}, pods: 0, ports: NO_PORTS, node: undefined }));
    return usage;
  };
  readItems(
    items,
    'pods',
    'Pod',
    (raw, index) => {
      if (isBoundPodItem(raw)) {
        const placed = readBoundPod(raw, index, usageOf);
        if (placed) {
          result.placed.push(placed);
          if ('raw' in placed) result.special.push(placed as BoundPod);
        }
      } else {
        const pod = readPod(raw, index);
        if (!isTerminal(pod)) result.pending.push(pod);
      }
      return undefined;
    },
    skipped,
  );
  return result;
}
