/**
 * kube-scheduler's filters for one pod on one node, the slow and obvious
 * way. The PreFilter part (what the pod's affinity and spread rules count
 * over the whole cluster) is worked out once per pod, as the scheduler does.
 */
import type { AffinityTerm, Amounts, LabelSelector, Port, RefPod, RefVolume, SpreadConstraint, TaintOf } from './objects';
import { blockingTaints, nodeAffinityMatches, selectorMatches, termMatches, tolerates, withOwnerKeys } from './semantics';

/** A node as the filters see it: an existing one, or one a scale-up would add. */
export interface NodeView {
  name: string;
  labels: Record<string, string>;
  taints: TaintOf[];
  unschedulable: boolean;
  /** Undefined for a new node of a machine type nobody knows: its room is not checked. */
  allocatable?: Amounts;
  requested: Amounts;
  podCount: number;
  ports: Port[];
}

/** A pod bound to a node, with that node. */
export interface PlacedPod {
  pod: RefPod;
  node: NodeView;
}

const UNSCHEDULABLE_TAINT: TaintOf = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const TOPOLOGY_LABELS = [
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
];

interface Resolved {
  selector: LabelSelector | null;
  /** `all`: every namespace. */
  namespaces: Set<string> | 'all';
  topologyKey: string;
}

function resolve(term: AffinityTerm, owner: RefPod, namespaceLabels: Map<string, Record<string, string>>): Resolved {
  const selector = withOwnerKeys(term.labelSelector, owner.labels, term.matchLabelKeys, term.mismatchLabelKeys);
  const nsSelector = term.namespaceSelector;
  if (nsSelector && !(nsSelector.matchLabels && Object.keys(nsSelector.matchLabels).length) && !nsSelector.matchExpressions?.length) {
    return { selector, namespaces: 'all', topologyKey: term.topologyKey };
  }
  const namespaces = new Set(term.namespaces ?? []);
  if (nsSelector) {
    for (const [name, labels] of namespaceLabels) if (selectorMatches(nsSelector, labels)) namespaces.add(name);
  } else if (namespaces.size === 0) {
    namespaces.add(owner.namespace);
  }
  return { selector, namespaces, topologyKey: term.topologyKey };
}

function termMatchesPod(term: Resolved, pod: RefPod): boolean {
  return (term.namespaces === 'all' || term.namespaces.has(pod.namespace)) && selectorMatches(term.selector, pod.labels);
}

interface SpreadRule {
  constraint: SpreadConstraint;
  selector: LabelSelector | null;
  selfMatch: number;
  counts: Map<string, number>;
  domains: Set<string>;
  min: number;
}

/** What the filters of one pod need that is counted over the cluster, once per pod. */
export interface PodContext {
  pod: RefPod;
  volumes: RefVolume[];
  /** `key\0value` pairs where a running pod's anti-affinity forbids this pod. */
  forbiddenByOthers: Set<string>;
  /** Per own anti-affinity term, the `value`s of its key where a matching pod runs. */
  antiDomains: Array<{ key: string; values: Set<string> }>;
  /** Per own affinity term, the values of its key where a pod matching every term runs. */
  affinityDomains: Array<{ key: string; values: Set<string> }>;
  /** No pod matches every affinity term, and the pod itself does: the first of its group may go anywhere. */
  firstOfGroup: boolean;
  spread: SpreadRule[];
}

function spreadCounts(node: NodeView, pod: RefPod, constraint: SpreadConstraint, keys: string[]): boolean {
  if (!keys.every(key => key in node.labels)) return false;
  if ((constraint.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !nodeAffinityMatches(pod.nodeSelector, pod.terms, node.labels, node.name)) {
    return false;
  }
  return (constraint.nodeTaintsPolicy ?? 'Ignore') !== 'Honor' || blockingTaints(node.taints, pod.tolerations).length === 0;
}

export function podContext(
  pod: RefPod,
  nodes: readonly NodeView[],
  placed: readonly PlacedPod[],
  volumes: RefVolume[],
  namespaceLabels: Map<string, Record<string, string>>,
): PodContext {
  const forbiddenByOthers = new Set<string>();
  for (const { pod: other, node } of placed) {
    for (const term of other.antiAffinity) {
      const resolved = resolve(term, other, namespaceLabels);
      if (term.topologyKey in node.labels && termMatchesPod(resolved, pod)) {
        forbiddenByOthers.add(`${term.topologyKey}\u0000${node.labels[term.topologyKey]}`);
      }
    }
  }
  const anti = pod.antiAffinity.map(term => resolve(term, pod, namespaceLabels));
  const antiDomains = anti.map(term => ({
    key: term.topologyKey,
    values: new Set(
      placed.filter(p => term.topologyKey in p.node.labels && termMatchesPod(term, p.pod)).map(p => p.node.labels[term.topologyKey]),
    ),
  }));
  const affinity = pod.affinity.map(term => resolve(term, pod, namespaceLabels));
  const matchingAll = placed.filter(p => affinity.every(term => termMatchesPod(term, p.pod)));
  const affinityDomains = affinity.map(term => ({
    key: term.topologyKey,
    values: new Set(matchingAll.filter(p => term.topologyKey in p.node.labels).map(p => p.node.labels[term.topologyKey])),
  }));
  const anyCounted = affinityDomains.some(d => d.values.size > 0);
  const constraints = pod.spread.filter(c => (c.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule');
  const keys = constraints.map(c => c.topologyKey);
  const spread = constraints.map(constraint => {
    const selector = withOwnerKeys(constraint.labelSelector, pod.labels, constraint.matchLabelKeys);
    const counted = new Set(nodes.filter(node => spreadCounts(node, pod, constraint, keys)));
    const domains = new Set([...counted].map(node => node.labels[constraint.topologyKey]));
    const counts = new Map<string, number>();
    for (const { pod: other, node } of placed) {
      if (other.namespace !== pod.namespace || other.deleting || !counted.has(node)) continue;
      if (!selectorMatches(selector, other.labels)) continue;
      const value = node.labels[constraint.topologyKey];
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const tooFew = domains.size === 0 || (constraint.minDomains !== undefined && domains.size < constraint.minDomains);
    let min = Infinity;
    for (const domain of domains) min = Math.min(min, counts.get(domain) ?? 0);
    if (tooFew) min = 0;
    return { constraint, selector, selfMatch: selectorMatches(selector, pod.labels) ? 1 : 0, counts, domains, min };
  });
  return {
    pod,
    volumes,
    forbiddenByOthers,
    antiDomains,
    affinityDomains,
    firstOfGroup: !anyCounted && affinity.every(term => termMatchesPod(term, pod)),
    spread,
  };
}

function volumeFits(volume: RefVolume, node: NodeView): boolean {
  if (TOPOLOGY_LABELS.some(key => key in node.labels)) {
    for (const key of TOPOLOGY_LABELS) {
      const value = volume.labels[key];
      if (value && !value.split('__').includes(node.labels[key])) return false;
    }
  }
  return !volume.terms?.length || volume.terms.some(term => termMatches(term, node.labels, node.name));
}

/**
 * What a node's labels, taints and cordon state rule out. A cordoned node's
 * unschedulable taint is the cordon's: it is reported once, as the cordon.
 */
export function labelCodes(context: PodContext, node: NodeView): string[] {
  const { pod } = context;
  const codes: string[] = [];
  if (node.unschedulable && !pod.tolerations.some(t => tolerates(t, UNSCHEDULABLE_TAINT))) codes.push('unschedulable');
  const taints = node.unschedulable ? node.taints.filter(t => t.key !== UNSCHEDULABLE_TAINT.key) : node.taints;
  if (blockingTaints(taints, pod.tolerations).length > 0) codes.push('taint');
  if (!nodeAffinityMatches(pod.nodeSelector, pod.terms, node.labels, node.name)) codes.push('node-affinity');
  if (!context.volumes.every(volume => volumeFits(volume, node))) codes.push('volume-zone');
  return codes;
}

/** What a node's room and ports rule out: one code per short resource. */
export function capacityCodes(context: PodContext, node: NodeView): string[] {
  const codes: string[] = [];
  const { allocatable } = node;
  if (allocatable) {
    if (node.podCount + 1 > (allocatable.pods ?? 0)) codes.push('insufficient:pods');
    for (const [resource, amount] of Object.entries(context.pod.requests)) {
      if (amount <= 0 || resource === 'pods') continue;
      if ((allocatable[resource] ?? 0) - (node.requested[resource] ?? 0) < amount) codes.push(`insufficient:${resource}`);
    }
  }
  const conflict = (a: Port, b: Port) => a.port === b.port && a.protocol === b.protocol && (a.ip === '0.0.0.0' || b.ip === '0.0.0.0' || a.ip === b.ip);
  if (context.pod.ports.some(port => node.ports.some(used => conflict(port, used)))) codes.push('ports');
  return codes;
}

/**
 * What the pods around a node rule out: one `pod-anti-affinity` for the
 * running pods' rules and one per own anti-affinity term, one
 * `pod-affinity`, one `topology-spread`. `opensDomain` tells, per spread
 * constraint, whether a new node would count as a domain of its own.
 */
export function topologyCodes(context: PodContext, node: NodeView, newNode = false): string[] {
  const codes: string[] = [];
  if (Object.entries(node.labels).some(([key, value]) => context.forbiddenByOthers.has(`${key}\u0000${value}`))) {
    codes.push('pod-anti-affinity');
  }
  for (const { key, values } of context.antiDomains) {
    if (key in node.labels && values.has(node.labels[key])) codes.push('pod-anti-affinity');
  }
  if (context.affinityDomains.length > 0) {
    const labelsMissing = context.affinityDomains.some(d => !(d.key in node.labels));
    const podsThere = context.affinityDomains.every(d => d.values.has(node.labels[d.key]));
    if (labelsMissing || (!podsThere && !context.firstOfGroup)) codes.push('pod-affinity');
  }
  const keys = context.spread.map(rule => rule.constraint.topologyKey);
  for (const rule of context.spread) {
    const { constraint } = rule;
    if (!(constraint.topologyKey in node.labels)) {
      codes.push('topology-spread');
      break;
    }
    const value = node.labels[constraint.topologyKey];
    const opensDomain = newNode && !rule.domains.has(value) && spreadCounts(node, context.pod, constraint, keys);
    const skew = (rule.counts.get(value) ?? 0) + rule.selfMatch - (opensDomain ? 0 : rule.min);
    if (skew > constraint.maxSkew) {
      codes.push('topology-spread');
      break;
    }
  }
  return codes;
}
