/**
 * The reference evaluator's own reading of kubectl JSON: plain records,
 * nothing indexed. Items it cannot read are left out, as the engine leaves
 * them out.
 */
import { quantityToInteger, quantityToMilli } from '../../quantity/parse';

type Json = Record<string, any>;

export type Amounts = Record<string, number>;

export interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface SelectorTerm {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Requirement[];
}

export interface AffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelector | null;
  topologyKey: string;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export interface TaintOf {
  key: string;
  value?: string;
  effect: string;
}

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable?: string;
  labelSelector?: LabelSelector | null;
  minDomains?: number;
  nodeAffinityPolicy?: string;
  nodeTaintsPolicy?: string;
  matchLabelKeys?: string[];
}

export interface Port {
  port: number;
  protocol: string;
  ip: string;
}

export interface RefPod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  nodeName?: string;
  phase: string;
  deleting: boolean;
  requests: Amounts;
  ports: Port[];
  nodeSelector: Record<string, string>;
  /** Undefined when the pod has no required node affinity. */
  terms?: SelectorTerm[];
  affinity: AffinityTerm[];
  antiAffinity: AffinityTerm[];
  tolerations: Toleration[];
  spread: SpreadConstraint[];
  claims: string[];
  daemonSet?: string;
}

export interface RefNode {
  name: string;
  labels: Record<string, string>;
  taints: TaintOf[];
  unschedulable: boolean;
  allocatable: Amounts;
  capacity: Amounts;
}

export interface RefVolume {
  name: string;
  labels: Record<string, string>;
  terms?: SelectorTerm[];
}

function items(list: unknown): Json[] {
  if (list === undefined || list === null) return [];
  if (Array.isArray(list)) return list;
  const object = list as Json;
  if (Array.isArray(object.items)) return object.items;
  return [object];
}

export function amounts(list: Json | undefined): Amounts {
  const result: Amounts = {};
  for (const [name, value] of Object.entries(list ?? {})) {
    result[name] = name === 'cpu' ? quantityToMilli(value as string) : quantityToInteger(value as string);
  }
  return result;
}

function add(into: Amounts, more: Amounts) {
  for (const [name, value] of Object.entries(more)) into[name] = (into[name] ?? 0) + value;
}

function atLeast(into: Amounts, other: Amounts) {
  for (const [name, value] of Object.entries(other)) into[name] = Math.max(into[name] ?? 0, value);
}

/** A container's requests, a limit standing in for a missing request. */
function containerRequests(container: Json | undefined): Amounts {
  const requests = amounts(container?.resources?.requests);
  for (const [name, value] of Object.entries(amounts(container?.resources?.limits))) {
    if (!(name in requests)) requests[name] = value;
  }
  return requests;
}

/**
 * What a pod requests of its node, as Kubernetes documents it: the sum of
 * its containers and sidecars, at least what its init phase needs at any
 * time, pod-level resources for cpu, memory and hugepages, plus overhead.
 */
export function podRequests(spec: Json): Amounts {
  const total: Amounts = {};
  for (const container of spec.containers ?? []) add(total, containerRequests(container));
  const sidecars: Amounts = {};
  const initPeak: Amounts = {};
  for (const container of spec.initContainers ?? []) {
    const requests = containerRequests(container);
    if (container?.restartPolicy === 'Always') {
      add(sidecars, requests);
      atLeast(initPeak, sidecars);
    } else {
      const during = { ...requests };
      add(during, sidecars);
      atLeast(initPeak, during);
    }
  }
  add(total, sidecars);
  atLeast(total, initPeak);
  for (const [name, value] of Object.entries(containerRequests(spec))) {
    if (name === 'cpu' || name === 'memory' || name.startsWith('hugepages-')) total[name] = value;
  }
  add(total, amounts(spec.overhead));
  return total;
}

function portsOf(spec: Json): Port[] {
  const running = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c: Json) => c?.restartPolicy === 'Always')];
  const ports: Port[] = [];
  for (const container of running) {
    for (const port of container?.ports ?? []) {
      if (port?.hostPort > 0) ports.push({ port: port.hostPort, protocol: port.protocol || 'TCP', ip: port.hostIP || '0.0.0.0' });
    }
  }
  return ports;
}

function readPod(raw: Json): RefPod {
  const metadata = raw.metadata ?? {};
  const spec = raw.spec;
  if (typeof metadata.name !== 'string' || !metadata.name) throw new Error('no name');
  if (!spec || typeof spec !== 'object') throw new Error('no spec');
  const namespace = metadata.namespace || 'default';
  const affinity = spec.affinity ?? {};
  const owner = (metadata.ownerReferences ?? []).find((ref: Json) => ref?.kind === 'DaemonSet');
  return {
    namespace,
    name: metadata.name,
    labels: metadata.labels ?? {},
    nodeName: spec.nodeName || undefined,
    phase: raw.status?.phase ?? 'Pending',
    deleting: Boolean(metadata.deletionTimestamp),
    requests: podRequests(spec),
    ports: portsOf(spec),
    nodeSelector: spec.nodeSelector ?? {},
    terms: affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ? affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms ?? []
      : undefined,
    affinity: affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [],
    antiAffinity: affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [],
    tolerations: spec.tolerations ?? [],
    spread: spec.topologySpreadConstraints ?? [],
    claims: (spec.volumes ?? []).map((v: Json) => v?.persistentVolumeClaim?.claimName).filter(Boolean),
    daemonSet: owner ? `${namespace}/${owner.name ?? owner.uid ?? ''}` : undefined,
  };
}

function readNode(raw: Json): RefNode {
  const metadata = raw.metadata ?? {};
  if (typeof metadata.name !== 'string' || !metadata.name) throw new Error('no name');
  if (!raw.status?.allocatable) throw new Error('no allocatable');
  const allocatable = amounts(raw.status.allocatable);
  return {
    name: metadata.name,
    labels: metadata.labels ?? {},
    taints: raw.spec?.taints ?? [],
    unschedulable: raw.spec?.unschedulable === true,
    allocatable,
    capacity: raw.status.capacity ? amounts(raw.status.capacity) : allocatable,
  };
}

/** Reads every item it can; an item that fails to read is left out. */
function readAll<T>(list: unknown, read: (raw: Json) => T): T[] {
  const result: T[] = [];
  for (const raw of items(list)) {
    try {
      result.push(read(raw));
    } catch {
      // The engine skips such items and lists them; the reference only leaves them out.
    }
  }
  return result;
}

export interface RefCluster {
  nodes: RefNode[];
  /** Every pod that is not Succeeded or Failed. */
  pods: RefPod[];
  volumes: Map<string, RefVolume>;
  /** `namespace/claim` -> volume name. */
  claims: Map<string, string>;
  namespaceLabels: Map<string, Record<string, string>>;
}

export function readCluster(input: {
  nodes: unknown;
  pods: unknown;
  persistentVolumes?: unknown;
  persistentVolumeClaims?: unknown;
  namespaces?: unknown;
}): RefCluster {
  const seen = new Set<string>();
  const nodes = readAll(input.nodes, readNode).filter(node => !seen.has(node.name) && seen.add(node.name));
  const pods = readAll(input.pods, readPod).filter(pod => pod.phase !== 'Succeeded' && pod.phase !== 'Failed');
  const volumes = new Map(
    readAll(input.persistentVolumes, raw => ({
      name: raw.metadata.name as string,
      labels: raw.metadata.labels ?? {},
      terms: raw.spec?.nodeAffinity?.required?.nodeSelectorTerms,
    })).map(v => [v.name, v]),
  );
  const claims = new Map<string, string>();
  for (const raw of items(input.persistentVolumeClaims)) {
    if (raw?.spec?.volumeName) claims.set(`${raw.metadata?.namespace || 'default'}/${raw.metadata?.name}`, raw.spec.volumeName);
  }
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const raw of items(input.namespaces)) {
    const name = raw?.metadata?.name;
    if (typeof name === 'string') namespaceLabels.set(name, { ...(raw.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name });
  }
  for (const pod of pods) {
    if (!namespaceLabels.has(pod.namespace)) namespaceLabels.set(pod.namespace, { 'kubernetes.io/metadata.name': pod.namespace });
  }
  return { nodes, pods, volumes, claims, namespaceLabels };
}
