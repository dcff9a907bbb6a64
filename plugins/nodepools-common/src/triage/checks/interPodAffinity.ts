import type { PodAffinityTerm } from '../kube';
import { HOSTNAME_LABEL } from '../labels';
import {
  compileLabelSelector,
  describeSelector,
  matchesSelector,
  withLabelKeys,
  type CompiledSelector,
} from '../selectors';
import type { CheckReason } from '../types';
import type { CheckTarget, Finding, NodeFilter, SchedulingCheck } from './types';

/** A pod affinity term with its namespaces resolved. */
export interface CompiledPodAffinityTerm {
  selector: CompiledSelector;
  /** `all` for an empty namespace selector. */
  namespaces: ReadonlySet<string> | 'all';
  topologyKey: string;
}

/** A pod already bound to a node, with that node's labels. */
export interface PlacedPod {
  namespace: string;
  labels: Record<string, string>;
  node: { labels: Record<string, string> };
}

export interface PlacedPods<T extends PlacedPod = PlacedPod> {
  /** Every placed pod, namespace by namespace (made when first read: only terms of every namespace read it). */
  readonly all: readonly T[];
  byNamespace: ReadonlyMap<string, readonly T[]>;
  /**
   * Pods of a namespace that may match the selector: those carrying a label
   * one of its `In` requirements asks for (the requirement with the fewest
   * such pods), else every pod of the namespace. Callers still match.
   */
  candidates(namespace: string, selector: CompiledSelector): readonly T[];
}

const NO_PODS: readonly never[] = [];

/** The placed pods of each namespace, indexed for the affinity and spread checks. */
export function indexPlacedPods<T extends PlacedPod>(byNamespace: ReadonlyMap<string, readonly T[]>): PlacedPods<T> {
  // Built per namespace when first asked: a selector with an `In` then walks
  // its own pods, not the whole namespace, for every signature that asks.
  const byLabel = new Map<string, Map<string, T[]>>();
  const labelIndex = (namespace: string) => {
    let index = byLabel.get(namespace);
    if (!index) {
      index = new Map();
      // The pods of a workload share one labels object: their pairs are worked out once.
      const pairsOf = new Map<Record<string, string>, string[]>();
      const inNamespace = byNamespace.get(namespace) ?? NO_PODS;
      for (let p = 0; p < inNamespace.length; p++) {
        const pod = inNamespace[p];
        let pairs = pairsOf.get(pod.labels);
        if (!pairs) pairsOf.set(pod.labels, (pairs = Object.keys(pod.labels).map(key => pairKey(key, pod.labels[key]))));
        for (let i = 0; i < pairs.length; i++) {
          let list = index.get(pairs[i]);
          if (!list) index.set(pairs[i], (list = []));
          list.push(pod);
        }
      }
      byLabel.set(namespace, index);
    }
    return index;
  };
  const mayMatch = (namespace: string, selector: CompiledSelector): readonly T[] => {
    const inNamespace = byNamespace.get(namespace) ?? NO_PODS;
    if (selector === null) return NO_PODS;
    let best: readonly T[] = inNamespace;
    for (const requirement of selector) {
      if (requirement.operator !== 'In') continue;
      const index = labelIndex(namespace);
      // A pod has one value per key: the lists of distinct values never share a pod.
      const values = [...new Set(requirement.values ?? [])];
      const lists = values.map(value => index.get(pairKey(requirement.key, value)) ?? NO_PODS);
      const size = lists.reduce((sum, list) => sum + list.length, 0);
      if (size < best.length) best = lists.length === 1 ? lists[0] : lists.flat();
    }
    return best;
  };
  let all: T[] | undefined;
  return {
    get all() {
      if (!all) {
        all = [];
        for (const pods of byNamespace.values()) for (let p = 0; p < pods.length; p++) all.push(pods[p]);
      }
      return all;
    },
    byNamespace,
    candidates: mayMatch,
  };
}

/**
 * Resolves a term of the pod that owns it: no namespaces and no namespace
 * selector mean the owner's namespace; an empty namespace selector means all;
 * a selector is matched against the namespaces' labels (every namespace has
 * `kubernetes.io/metadata.name`).
 */
export function compilePodAffinityTerm(
  term: PodAffinityTerm,
  owner: { namespace: string; labels: Record<string, string> },
  namespaceLabels: ReadonlyMap<string, Record<string, string>>,
): CompiledPodAffinityTerm {
  const selector = withLabelKeys(
    compileLabelSelector(term.labelSelector),
    owner.labels,
    term.matchLabelKeys,
    term.mismatchLabelKeys,
  );
  let namespaces: Set<string> | 'all';
  const namespaceSelector = term.namespaceSelector ? compileLabelSelector(term.namespaceSelector) : undefined;
  if (namespaceSelector && namespaceSelector.length === 0) {
    namespaces = 'all';
  } else {
    namespaces = new Set(term.namespaces ?? []);
    if (namespaceSelector) {
      for (const [name, labels] of namespaceLabels) {
        if (matchesSelector(namespaceSelector, labels)) namespaces.add(name);
      }
    } else if (namespaces.size === 0) {
      namespaces.add(owner.namespace);
    }
  }
  return { selector, namespaces, topologyKey: term.topologyKey };
}

export function termMatchesPod(
  term: CompiledPodAffinityTerm,
  pod: { namespace: string; labels: Record<string, string> },
): boolean {
  return (
    (term.namespaces === 'all' || term.namespaces.has(pod.namespace)) &&
    matchesSelector(term.selector, pod.labels)
  );
}

function candidates(terms: readonly CompiledPodAffinityTerm[], placed: PlacedPods): readonly PlacedPod[] {
  if (terms.some(t => t.namespaces === 'all')) return placed.all;
  if (terms.length === 1 && terms[0].namespaces instanceof Set && terms[0].namespaces.size === 1) {
    return placed.candidates([...terms[0].namespaces][0], terms[0].selector);
  }
  const namespaces = new Set<string>();
  for (const term of terms) for (const ns of term.namespaces as Set<string>) namespaces.add(ns);
  if (namespaces.size === 1) return placed.byNamespace.get([...namespaces][0]) ?? [];
  return [...namespaces].flatMap(ns => placed.byNamespace.get(ns) ?? []);
}

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function increment(counts: Map<string, number>, key: string, value: string | undefined, by = 1) {
  if (value === undefined) return;
  const pair = pairKey(key, value);
  counts.set(pair, (counts.get(pair) ?? 0) + by);
}

/** Required anti-affinity of pods already placed, grouped by identical terms. */
export interface ExistingAntiAffinity {
  term: CompiledPodAffinityTerm;
  /** Topology value -> number of owning pods there. */
  domains: Map<string, number>;
}

export function indexExistingAntiAffinity(
  owners: ReadonlyArray<{ terms: readonly CompiledPodAffinityTerm[]; nodeLabels: Record<string, string> }>,
): ExistingAntiAffinity[] {
  const groups = new Map<string, ExistingAntiAffinity>();
  for (const owner of owners) {
    for (const term of owner.terms) {
      const id = JSON.stringify([
        term.selector,
        term.namespaces === 'all' ? 'all' : [...term.namespaces].sort(),
        term.topologyKey,
      ]);
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { term, domains: new Map() }));
      const value = owner.nodeLabels[term.topologyKey];
      if (value !== undefined) group.domains.set(value, (group.domains.get(value) ?? 0) + 1);
    }
  }
  return [...groups.values()];
}

export interface InterPodAffinityState {
  affinityTerms: readonly CompiledPodAffinityTerm[];
  antiAffinityTerms: readonly CompiledPodAffinityTerm[];
  /** Pods matching all affinity terms, per (topology key, value). */
  affinityCounts: Map<string, number>;
  /** Pods matching each anti-affinity term, per (topology key, value). */
  antiAffinityCounts: Map<string, number>;
  /** Placed pods whose anti-affinity forbids this pod, per (topology key, value), with the term that does. */
  existingAntiAffinity: Map<string, CompiledPodAffinityTerm>;
  /** The "first pod of a group with affinity to itself" exception applies. */
  firstOfItsGroup: boolean;
}

/**
 * PreFilter of InterPodAffinity: counts, once per pod signature, the placed
 * pods each term matches in each topology domain.
 */
export function buildInterPodAffinityState(
  pod: {
    namespace: string;
    labels: Record<string, string>;
    affinityTerms: readonly CompiledPodAffinityTerm[];
    antiAffinityTerms: readonly CompiledPodAffinityTerm[];
  },
  placed: PlacedPods,
  existing: readonly ExistingAntiAffinity[],
): InterPodAffinityState {
  const affinityCounts = new Map<string, number>();
  const antiAffinityCounts = new Map<string, number>();
  if (pod.affinityTerms.length > 0) {
    for (const other of candidates(pod.affinityTerms, placed)) {
      if (!pod.affinityTerms.every(term => termMatchesPod(term, other))) continue;
      for (const term of pod.affinityTerms) {
        increment(affinityCounts, term.topologyKey, other.node.labels[term.topologyKey]);
      }
    }
  }
  if (pod.antiAffinityTerms.length > 0) {
    for (const other of candidates(pod.antiAffinityTerms, placed)) {
      for (const term of pod.antiAffinityTerms) {
        if (termMatchesPod(term, other)) {
          increment(antiAffinityCounts, term.topologyKey, other.node.labels[term.topologyKey]);
        }
      }
    }
  }
  const existingAntiAffinity = new Map<string, CompiledPodAffinityTerm>();
  for (const group of existing) {
    if (!termMatchesPod(group.term, pod)) continue;
    for (const value of group.domains.keys()) {
      existingAntiAffinity.set(pairKey(group.term.topologyKey, value), group.term);
    }
  }
  return {
    affinityTerms: pod.affinityTerms,
    antiAffinityTerms: pod.antiAffinityTerms,
    affinityCounts,
    antiAffinityCounts,
    existingAntiAffinity,
    firstOfItsGroup:
      affinityCounts.size === 0 && pod.affinityTerms.every(term => termMatchesPod(term, pod)),
  };
}

function where(key: string, value: string): string {
  return key === HOSTNAME_LABEL ? 'on the same node' : `in the same ${key} (${value})`;
}

/**
 * InterPodAffinity filter: no placed pod's anti-affinity may forbid this pod
 * in the node's domains; no pod this pod's anti-affinity names may run in
 * the node's domain; and for its affinity, a pod matching every term must run
 * in the node's domain of each term's key (unless this is the first pod of a
 * group with affinity to itself). A node without a term's topology label
 * fails affinity and passes anti-affinity.
 */
export function checkInterPodAffinity(
  state: InterPodAffinityState,
  nodeLabels: Record<string, string>,
): CheckReason[] {
  const reasons: CheckReason[] = [];
  if (state.existingAntiAffinity.size > 0) {
    for (const [key, value] of Object.entries(nodeLabels)) {
      const term = state.existingAntiAffinity.get(pairKey(key, value));
      if (term) {
        reasons.push({
          code: 'pod-anti-affinity',
          message: `a running pod's anti-affinity (${describeSelector(term.selector)}) forbids this pod ${where(key, value)}`,
        });
        break;
      }
    }
  }
  for (const term of state.antiAffinityTerms) {
    const value = nodeLabels[term.topologyKey];
    if (value !== undefined && (state.antiAffinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) > 0) {
      reasons.push({
        code: 'pod-anti-affinity',
        message: `anti-affinity: a pod matching ${describeSelector(term.selector)} already runs ${where(term.topologyKey, value)}`,
      });
    }
  }
  if (state.affinityTerms.length > 0) {
    const missing: string[] = [];
    let podsExist = true;
    for (const term of state.affinityTerms) {
      const value = nodeLabels[term.topologyKey];
      if (value === undefined) {
        missing.push(`node has no ${term.topologyKey} label`);
        continue;
      }
      if ((state.affinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) <= 0) {
        podsExist = false;
        missing.push(`no pod matching ${describeSelector(term.selector)} runs ${where(term.topologyKey, value)}`);
      }
    }
    const labelsMissing = missing.some(m => m.startsWith('node has no'));
    if (labelsMissing || (!podsExist && !state.firstOfItsGroup)) {
      reasons.push({ code: 'pod-affinity', message: `affinity: ${missing.join('; ')}` });
    }
  }
  return reasons;
}

/** The same verdict as `checkInterPodAffinity`, without building reasons: for the fast pass over every node. */
export function interPodAffinityPasses(state: InterPodAffinityState, nodeLabels: Record<string, string>): boolean {
  if (state.existingAntiAffinity.size > 0) {
    for (const key of Object.keys(nodeLabels)) {
      if (state.existingAntiAffinity.has(pairKey(key, nodeLabels[key]))) return false;
    }
  }
  for (const term of state.antiAffinityTerms) {
    const value = nodeLabels[term.topologyKey];
    if (value !== undefined && (state.antiAffinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) > 0) return false;
  }
  let podsExist = true;
  for (const term of state.affinityTerms) {
    const value = nodeLabels[term.topologyKey];
    if (value === undefined) return false;
    if ((state.affinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  return podsExist || state.firstOfItsGroup;
}

/** The pod's affinity terms and the running pods' anti-affinity, counted once per signature. */
class InterPodAffinityFilter implements NodeFilter {
  readonly level = 'topology';
  constructor(private readonly state: InterPodAffinityState) {}
  passes(node: CheckTarget): boolean {
    return interPodAffinityPasses(this.state, node.labels);
  }
  explain(node: CheckTarget): Finding[] {
    return checkInterPodAffinity(this.state, node.labels);
  }
}

/**
 * InterPodAffinity as a registered check: the pod's own terms and the
 * running pods' anti-affinity, counted once per signature.
 */
export const interPodAffinityCheck: SchedulingCheck = {
  name: 'InterPodAffinity',
  start(env) {
    const { placed, existingAntiAffinity, namespaceLabels } = env.state;
    return {
      prepare(demand) {
        const pod = demand.pod;
        if (pod.podAffinity.length === 0 && pod.podAntiAffinity.length === 0 && existingAntiAffinity.length === 0) {
          return undefined;
        }
        const compile = (terms: readonly PodAffinityTerm[]) =>
          terms.map(term => compilePodAffinityTerm(term, pod, namespaceLabels));
        const state = buildInterPodAffinityState(
          {
            namespace: pod.namespace,
            labels: pod.labels,
            affinityTerms: compile(pod.podAffinity),
            antiAffinityTerms: compile(pod.podAntiAffinity),
          },
          placed,
          existingAntiAffinity,
        );
        const idle =
          state.affinityTerms.length === 0 && state.antiAffinityTerms.length === 0 && state.existingAntiAffinity.size === 0;
        return idle ? undefined : new InterPodAffinityFilter(state);
      },
    };
  },
};
