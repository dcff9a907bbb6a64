import type { NodeClass } from '../cluster';
import type { TopologySpreadConstraint } from '../kube';
import { HOSTNAME_LABEL, NEW_NODE_HOSTNAME, PER_NODE_LABEL_KEYS } from '../labels';
import {
  compileLabelSelector,
  describeSelector,
  matchesSelector,
  withLabelKeys,
  type CompiledSelector,
} from '../selectors';
import type { CheckReason } from '../types';
import { nodeAffinityMatches } from './nodeAffinity';
import { toleratesAll } from './taints';
import type { CheckTarget, Finding, NodeFilter, PodDemand, SchedulingCheck } from './types';

/** A DoNotSchedule constraint with its selector resolved against the pod's labels. */
export interface CompiledSpreadConstraint {
  topologyKey: string;
  maxSkew: number;
  minDomains?: number;
  selector: CompiledSelector;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
  /** 1 when the pod matches its own selector: it counts toward the skew it creates. */
  selfMatch: 0 | 1;
}

/** Only `DoNotSchedule` constraints filter; `ScheduleAnyway` ones only score. */
export function compileSpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Record<string, string>,
): CompiledSpreadConstraint[] {
  return constraints
    .filter(c => c.whenUnsatisfiable === 'DoNotSchedule')
    .map(c => {
      const selector = withLabelKeys(compileLabelSelector(c.labelSelector), podLabels, c.matchLabelKeys);
      return {
        topologyKey: c.topologyKey,
        maxSkew: c.maxSkew,
        minDomains: c.minDomains,
        selector,
        honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
        honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
        selfMatch: matchesSelector(selector, podLabels) ? 1 : 0,
      };
    });
}

/** A node as the spread PreFilter sees it. */
export interface SpreadNode {
  labels: Record<string, string>;
  /** Passes the pod's node affinity and selector. */
  matchesNodeAffinity: boolean;
  /** Has no taint the pod does not tolerate. */
  toleratesTaints: boolean;
  /** The pods bound to it; those of other namespaces and those being deleted do not count. */
  pods: readonly SpreadPod[];
}

export interface SpreadConstraintState {
  constraint: CompiledSpreadConstraint;
  /** Matching pods per topology value, over eligible nodes (domains without pods are absent). */
  counts: Map<string, number>;
  /** The topology values of the eligible nodes. */
  domains: Set<string>;
  /** The smallest count over eligible domains (0 when there are fewer than minDomains). */
  minMatch: number;
}

export interface TopologySpreadState {
  constraints: SpreadConstraintState[];
}

/** A pod bound to a node, as the spread PreFilter counts it. */
export interface SpreadPod {
  namespace: string;
  labels: Record<string, string>;
  deleting: boolean;
}

/**
 * PreFilter of PodTopologySpread, fed incrementally: the domains of the
 * nodes that could host the pod, and the pods matching each constraint in
 * them; then the smallest count per constraint.
 */
export class TopologySpreadCounter {
  private readonly states: SpreadConstraintState[];

  constructor(
    private readonly constraints: readonly CompiledSpreadConstraint[],
    private readonly namespace: string,
  ) {
    this.states = constraints.map(constraint => ({
      constraint,
      counts: new Map<string, number>(),
      minMatch: 0,
      domains: new Set<string>(),
    }));
  }

  /** A node must carry every constraint's key to count for any of them. */
  private hasAllKeys(labels: Record<string, string>): boolean {
    for (let i = 0; i < this.constraints.length; i++) {
      if (!(this.constraints[i].topologyKey in labels)) return false;
    }
    return true;
  }

  private counts(constraint: CompiledSpreadConstraint, node: Omit<SpreadNode, 'pods'>): boolean {
    if (constraint.honorNodeAffinity && !node.matchesNodeAffinity) return false;
    return !(constraint.honorTaints && !node.toleratesTaints);
  }

  /**
   * Whether labels like these can add no domain: they lack a key (such a
   * node counts for none), or every constraint already has their value.
   */
  addsNoDomain(labels: Record<string, string>): boolean {
    if (!this.hasAllKeys(labels)) return true;
    for (const state of this.states) {
      if (!state.domains.has(labels[state.constraint.topologyKey])) return false;
    }
    return true;
  }

  /** Whether every constraint has found as many domains as `distinct` says its key has values. */
  knowsEveryDomain(distinct: (key: string) => number): boolean {
    for (const state of this.states) if (state.domains.size < distinct(state.constraint.topologyKey)) return false;
    return true;
  }

  /** Registers the domains a node (or a group of nodes with the same labels) belongs to. */
  addDomain(node: Omit<SpreadNode, 'pods'>) {
    if (!this.hasAllKeys(node.labels)) return;
    for (const state of this.states) {
      if (this.counts(state.constraint, node)) state.domains.add(node.labels[state.constraint.topologyKey]);
    }
  }

  /** Counts one pod bound to the node. */
  addPod(node: Omit<SpreadNode, 'pods'>, pod: SpreadPod) {
    if (pod.namespace !== this.namespace || pod.deleting || !this.hasAllKeys(node.labels)) return;
    for (const state of this.states) {
      const { constraint } = state;
      if (!this.counts(constraint, node) || !matchesSelector(constraint.selector, pod.labels)) continue;
      const value = node.labels[constraint.topologyKey];
      state.counts.set(value, (state.counts.get(value) ?? 0) + 1);
    }
  }

  addNode(node: SpreadNode) {
    this.addDomain(node);
    for (const pod of node.pods) this.addPod(node, pod);
  }

  finish(): TopologySpreadState {
    for (const state of this.states) {
      const { minDomains } = state.constraint;
      if (state.domains.size === 0 || (minDomains !== undefined && state.domains.size < minDomains)) {
        state.minMatch = 0;
      } else {
        let min = Infinity;
        for (const domain of state.domains) {
          const count = state.counts.get(domain) ?? 0;
          if (count < min) min = count;
          if (min === 0) break;
        }
        state.minMatch = min;
      }
    }
    return { constraints: this.states };
  }
}

/** PreFilter of PodTopologySpread over a list of nodes. */
export function buildTopologySpreadState(
  constraints: readonly CompiledSpreadConstraint[],
  namespace: string,
  nodes: Iterable<SpreadNode>,
): TopologySpreadState {
  const counter = new TopologySpreadCounter(constraints, namespace);
  for (const node of nodes) counter.addNode(node);
  return counter.finish();
}

/**
 * A node a scale-up would add, as the spread filter needs it: whether it
 * passes the pod's node affinity (`eligible`) and tolerates its taints.
 */
export interface NewSpreadNode {
  eligible: boolean;
  /** Taken as tolerated when not said. */
  toleratesTaints?: boolean;
}

/**
 * PodTopologySpread filter. A node without a constraint's key fails
 * ("missing required label"). `newNode` is a node a scale-up would add: a
 * domain it brings that has no pods yet lowers the minimum to zero, as it
 * does in the autoscaler's simulation, when the constraint's node inclusion
 * policies count the new node in.
 */
export function checkTopologySpread(
  state: TopologySpreadState,
  nodeLabels: Record<string, string>,
  newNode?: NewSpreadNode,
): CheckReason | undefined {
  for (const { constraint, counts, domains, minMatch } of state.constraints) {
    const value = nodeLabels[constraint.topologyKey];
    if (value === undefined) {
      return {
        code: 'topology-spread',
        message: `topology spread: node has no ${constraint.topologyKey} label (missing required label)`,
      };
    }
    const count = counts.get(value) ?? 0;
    const counted =
      newNode !== undefined &&
      (!constraint.honorNodeAffinity || newNode.eligible) &&
      (!constraint.honorTaints || newNode.toleratesTaints !== false);
    const opensDomain = counted && !domains.has(value);
    const minimum = opensDomain ? 0 : minMatch;
    const skew = count + constraint.selfMatch - minimum;
    if (skew > constraint.maxSkew) {
      const domain = constraint.topologyKey === HOSTNAME_LABEL ? 'this node' : `${constraint.topologyKey}=${value}`;
      return {
        code: 'topology-spread',
        message: `topology spread: placing it on ${domain} makes skew ${skew} > maxSkew ${constraint.maxSkew} (${count} pods matching ${describeSelector(constraint.selector)} there, minimum ${minimum})`,
      };
    }
  }
  return undefined;
}

/** The spread constraints against the domains and counts found once per signature. */
class TopologySpreadFilter implements NodeFilter {
  readonly level = 'topology';
  constructor(
    private readonly state: TopologySpreadState,
    private readonly demand: PodDemand,
  ) {}

  private newNodeOf(node: CheckTarget): NewSpreadNode | undefined {
    if (!node.newNode) return undefined;
    return {
      eligible: nodeAffinityMatches(this.demand.affinity, node.labels, node.name),
      toleratesTaints: toleratesAll(node.taints, this.demand.tolerations),
    };
  }

  passes(node: CheckTarget): boolean {
    return checkTopologySpread(this.state, node.labels, this.newNodeOf(node)) === undefined;
  }

  explain(node: CheckTarget): Finding[] {
    const reason = checkTopologySpread(this.state, node.labels, this.newNodeOf(node));
    return reason ? [reason] : [];
  }
}

/**
 * PodTopologySpread as a registered check. Its PreFilter walks node classes
 * (or nodes, for hostname domains and affinities that read node names) to
 * find the domains, then only the running pods of the pod's namespace.
 */
export const topologySpreadCheck: SchedulingCheck = {
  name: 'PodTopologySpread',
  start(env) {
    const cluster = env.state;
    // How many values a class label takes over the cluster's classes: once
    // a signature has found them all, the other classes add no domain.
    const distinctValues = new Map<string, number>();
    const distinct = (key: string) => {
      let count = distinctValues.get(key);
      if (count === undefined) {
        const values = new Set<string>();
        for (const cls of cluster.classes) if (cls && cls.labels[key] !== undefined) values.add(cls.labels[key]);
        distinctValues.set(key, (count = values.size));
      }
      return count;
    };
    return {
      prepare(demand) {
        const constraints = compileSpreadConstraints(demand.pod.spread, demand.pod.labels);
        if (constraints.length === 0) return undefined;
        const { affinity, tolerations } = demand;
        const affinityPerNode = demand.affinityKeys.some(key => PER_NODE_LABEL_KEYS.has(key));
        const matchesAffinity = (labels: Record<string, string>, name: string) => nodeAffinityMatches(affinity, labels, name);
        const counter = new TopologySpreadCounter(constraints, demand.pod.namespace);
        // One reused view object: this runs over every node for each spread signature.
        const view: SpreadNode = { labels: {}, matchesNodeAffinity: false, toleratesTaints: false, pods: [] };
        const perNodeDomains = constraints.some(c => PER_NODE_LABEL_KEYS.has(c.topologyKey));
        // Per class, worked out when first asked: most classes are never asked.
        const classAffinity = new Map<number, boolean>();
        const classTaints = new Map<number, boolean>();
        const affinityOf = (cls: NodeClass) => {
          let matches = classAffinity.get(cls.id);
          if (matches === undefined) classAffinity.set(cls.id, (matches = matchesAffinity(cls.labels, NEW_NODE_HOSTNAME)));
          return matches;
        };
        // A class leaves out a cordoned node's unschedulable taint; nodeTaintsPolicy reads the node's own taints.
        const taintsOf = (cls: NodeClass) => {
          let tolerated = classTaints.get(cls.id);
          if (tolerated === undefined) classTaints.set(cls.id, (tolerated = toleratesAll(cls.taints, tolerations)));
          return tolerated;
        };
        // Returns once every domain is known.
        const findDomains = () => {
          for (const pool of cluster.pools) {
            for (const cls of pool.classes) {
              // Per-node domains (hostname) are as many as the nodes: only class labels can all be found early.
              if (!perNodeDomains && counter.knowsEveryDomain(distinct)) return;
              const perNode = perNodeDomains || affinityPerNode || cls.unschedulable;
              if (!perNode) {
                // A class whose domains are all known adds nothing: with a few
                // zones, a few classes find every domain of the cluster.
                if (counter.addsNoDomain(cls.labels)) continue;
                view.labels = cls.labels;
                view.matchesNodeAffinity = affinityOf(cls);
                view.toleratesTaints = taintsOf(cls);
                counter.addDomain(view);
                continue;
              }
              for (const node of cls.nodes) {
                view.labels = node.labels;
                view.matchesNodeAffinity = affinityPerNode ? matchesAffinity(node.labels, node.name) : affinityOf(cls);
                view.toleratesTaints = cls.unschedulable ? toleratesAll(node.taints, tolerations) : taintsOf(cls);
                counter.addDomain(view);
              }
            }
          }
        };
        findDomains();
        // Only pods of the pod's own namespace can match: walk those, not every
        // node, and of one constraint's only those with a label it asks for.
        const namespace = demand.pod.namespace;
        const placed =
          constraints.length === 1
            ? cluster.placed.candidates(namespace, constraints[0].selector)
            : cluster.placed.byNamespace.get(namespace) ?? [];
        for (const pod of placed) {
          const node = pod.node;
          if (!node) continue;
          const cls = cluster.classes[node.classId];
          view.labels = node.labels;
          view.toleratesTaints = cls.unschedulable ? toleratesAll(node.taints, tolerations) : taintsOf(cls);
          view.matchesNodeAffinity = affinityPerNode ? matchesAffinity(node.labels, node.name) : affinityOf(cls);
          counter.addPod(view, pod);
        }
        return new TopologySpreadFilter(counter.finish(), demand);
      },
    };
  },
};
