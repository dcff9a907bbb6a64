import type { MachineCatalog } from '../machines/catalog';
import { interfaceNetworkOf, prefixDelegationMaxPodsOf } from '../providers/podIps';
import { CAPACITY_TYPE_LABEL_KEYS, providerProfile } from '../providers/registry';
import type { Taint } from '../model/pool';
import { formatResourceAmount } from '../quantity/format';
import { checkHostPorts, type HostPort } from './checks/hostPorts';
import {
  buildInterPodAffinityState,
  checkInterPodAffinity,
  compilePodAffinityTerm,
  interPodAffinityPasses,
  type InterPodAffinityState,
} from './checks/interPodAffinity';
import {
  checkNodeAffinity,
  compileNodeAffinity,
  nodeAffinityKeys,
  type CompiledNodeAffinity,
} from './checks/nodeAffinity';
import { shortResourceReason, shortResources, type ShortResource } from './checks/resources';
import { ReasonTally, type TalliedReason } from './tally';
import { checkTaints, untoleratedTaints } from './checks/taints';
import {
  TopologySpreadCounter,
  checkTopologySpread,
  compileSpreadConstraints,
  type SpreadNode,
  type TopologySpreadState,
} from './checks/topologySpread';
import { checkUnschedulable } from './checks/unschedulable';
import { checkVolumeZone, type VolumeTopology } from './checks/volumeZone';
import { Interner, freeCpu, maxAllocatableOf, type ClusterState, type NodeClass, type NodeShape, type PoolState } from './cluster';
import type { NodeSelectorTerm, Toleration } from './kube';
import {
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  NEW_NODE_HOSTNAME,
  PER_NODE_LABEL_KEYS,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
} from './labels';
import type { NodeRecord, PodRecord } from './read';
import type { ResourceMap } from './read';
import { buildPoolTemplate, type PoolTemplate, type TemplateCandidate } from './templates';
import type { CheckReason, TriageOptions } from './types';

/** What a group of pods with one signature needs from a node, compiled once. */
export interface PodNeeds {
  id: string;
  pods: PodRecord[];
  /** The first pod of the group; every pod of it has the same scheduling fields. */
  pod: PodRecord;
  requests: ResourceMap;
  tolerations: Toleration[];
  tolerationsId: number;
  toleratesUnschedulable: boolean;
  affinity: CompiledNodeAffinity;
  affinityId: number;
  affinityKeys: string[];
  affinityKeysetId: number;
  /** The affinity reads the node's name or hostname, so nodes of one class can differ. */
  affinityPerNode: boolean;
  hostPorts: HostPort[];
  interPod?: InterPodAffinityState;
  spread?: TopologySpreadState;
  volumes: VolumeTopology[];
  /** Some check other than resources depends on the individual node. */
  perNode: boolean;
  /** Requested resources other than pods with amounts above zero, as resource indexes and amounts. */
  requestIds: Int32Array;
  requestAmounts: Float64Array;
  /** Per taint-set id: 0 not yet known, 1 tolerated, 2 not tolerated. */
  taintPass: Verdicts;
  /** Per label-projection id: 0 not yet known, 1 the node affinity passes, 2 it does not. */
  affinityPass: Verdicts;
  /** The cpu request in millicores, for the early stop over nodes ordered by free cpu. */
  cpu: number;
  /**
   * Some check reads what differs between a new node's possible placements
   * (zone, capacity type); otherwise the first placement answers for all.
   */
  zoneSensitive: boolean;
}

/** Small verdicts by id, in a byte array that grows as ids appear. */
export class Verdicts {
  private bytes = new Uint8Array(64);

  get(id: number): number {
    return id < this.bytes.length ? this.bytes[id] : 0;
  }

  set(id: number, verdict: number) {
    if (id >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[id] = verdict;
  }
}

/** Bits of a quick verdict. */
export const FITS_NOW = 1;
export const FITS_NEW_NODE = 2;
export const FITS_AFTER_SCALE_UP = 4;

/** Checks a "what if" quick verdict leaves out, to find which single change would help. */
export const IGNORE_TAINTS = 1;
export const IGNORE_NODE_AFFINITY = 2;
export const IGNORE_RESOURCES = 4;

/** Changes to a pod's needs, for "what if" evaluations behind a suggested fix. */
export interface NeedsChange {
  addTolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  /** `null` drops the required node affinity. */
  nodeAffinityTerms?: NodeSelectorTerm[] | null;
  requests?: ResourceMap;
}

export interface CandidateResult {
  candidate: TemplateCandidate;
  fits: boolean;
  reasons: CheckReason[];
  /** Karpenter: the candidate fits the pod but not the NodePool's remaining limits. */
  limitsReason?: CheckReason;
}

/** A pool's nodes hold as many pods as their pod network gives addresses, and prefix delegation would give more. */
export interface IpExhaustion {
  machineType: string;
  maxPods: number;
  withPrefixes: number;
  /** The pod network's name (`VPC CNI`). */
  network: string;
  howToEnable: string;
}

/** Everything known about one pod signature on one pool; the public verdict is derived from it. */
export interface PoolEvaluation {
  pool: PoolState;
  fitsNow: boolean;
  fitsAfterScaleUp: boolean;
  /** A new node would take the pod, whether or not the pool may grow. */
  fitsNewNode: boolean;
  nodeReasons: TalliedReason[];
  newNodeReasons: CheckReason[];
  scalingReason?: CheckReason;
  /** The new node that fits, or the closest one. */
  candidate?: TemplateCandidate;
  /** How many pods of this signature one new node holds. */
  podsPerNewNode?: number;
  /** Taints of the pool the pod does not tolerate (on nodes or a new node). */
  untolerated: Taint[];
  ipExhaustion?: IpExhaustion;
  template: PoolTemplate;
}

const NO_CLASSES: NodeClass[] = [];

/** Labels whose value differs between a template's placements: zone and capacity type. */
const PLACEMENT_LABELS = new Set([ZONE_LABEL, ZONE_LABEL_BETA, ...CAPACITY_TYPE_LABEL_KEYS]);

const NO_CANDIDATE: CheckReason = {
  code: 'node-affinity',
  message: "no machine type of the catalog satisfies the NodePool's requirements",
};

const UNSCHEDULABLE: CheckReason = { code: 'unschedulable', message: 'node is unschedulable (cordoned)' };

/** Cache keys combine two small ids into one number. */
function pair(a: number, b: number): number {
  return a * 0x4000000 + b;
}

function freeOn(candidate: TemplateCandidate, requests: ResourceMap): number | undefined {
  if (!candidate.allocatable) return undefined;
  let count = (candidate.allocatable.pods ?? 0) - candidate.overheadPods;
  for (const [resource, amount] of Object.entries(requests)) {
    if (amount <= 0 || resource === 'pods') continue;
    const free = (candidate.allocatable[resource] ?? 0) - (candidate.overhead[resource] ?? 0);
    count = Math.min(count, Math.floor(free / amount));
  }
  return Math.max(0, count);
}

/** Room for one more pod and every requested resource in a free-amount vector. */
function roomIn(needs: PodNeeds, free: Float64Array): boolean {
  if (free[0] < 1) return false;
  const ids = needs.requestIds;
  const amounts = needs.requestAmounts;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id < 0 || free[id] < amounts[i]) return false;
  }
  return true;
}

/** Karpenter: a new node of this type still fits the NodePool's remaining limits. */
function withinLimits(template: PoolTemplate, candidate: TemplateCandidate): boolean {
  const remaining = template.scaling.remaining;
  if (!remaining || !candidate.capacity) return true;
  for (const resource in remaining) {
    if ((candidate.capacity[resource] ?? 0) > remaining[resource]) return false;
  }
  return true;
}

/**
 * Evaluates pod signatures against pools. Label and taint checks are cached
 * by the ids of what they read (tolerations x taint set, affinity x the
 * node labels it looks at), so a check runs once per distinct combination,
 * not once per node; resources are compared against each node class's
 * largest free amounts before any node is looked at.
 */
export class Evaluator {
  private readonly tolerationIds = new Interner();
  private readonly affinityIds = new Interner();
  private readonly keysetIds = new Interner();
  private readonly projectionIds = new Interner();
  private readonly taintResults = new Map<number, CheckReason | null>();
  private readonly affinityResults = new Map<number, CheckReason | null>();
  private readonly templates: PoolTemplate[] = [];
  private readonly prefixLimits = new Map<PoolState, IpExhaustion | null>();
  private signatureCount = 0;

  constructor(
    readonly state: ClusterState,
    readonly catalog: MachineCatalog,
    readonly options: TriageOptions,
  ) {}

  template(pool: PoolState): PoolTemplate {
    let template = this.templates[pool.index];
    if (!template) {
      template = buildPoolTemplate(pool, this.state, this.catalog, this.options);
      this.templates[pool.index] = template;
    }
    return template;
  }

  templateNotes(): string[] {
    return this.templates.flatMap(t => (t ? t.notes : []));
  }

  /** Compiles the needs of a group of pods that share one signature. */
  compileNeeds(pods: PodRecord[], change: NeedsChange = {}, id?: string): PodNeeds {
    const pod = pods[0];
    const tolerations = change.addTolerations ? [...pod.tolerations, ...change.addTolerations] : pod.tolerations;
    const nodeSelector = change.nodeSelector ?? pod.nodeSelector;
    const terms = change.nodeAffinityTerms === null ? undefined : change.nodeAffinityTerms ?? pod.nodeAffinityTerms;
    const affinity = compileNodeAffinity(nodeSelector, terms);
    const affinityKeys = nodeAffinityKeys(affinity);
    const affinityPerNode = affinityKeys.some(key => PER_NODE_LABEL_KEYS.has(key));
    const volumes = pod.claims
      .map(claim => this.state.volumes.get(`${pod.namespace}/${claim}`))
      .filter((v): v is VolumeTopology => v !== undefined);
    const needs: PodNeeds = {
      id: id ?? `s${++this.signatureCount}`,
      pods,
      pod,
      requests: change.requests ?? pod.requests,
      tolerations,
      tolerationsId: this.tolerationIds.id(JSON.stringify(tolerations)),
      toleratesUnschedulable: checkUnschedulable(true, tolerations) === undefined,
      affinity,
      affinityId: this.affinityIds.id(JSON.stringify(affinity)),
      affinityKeys,
      affinityKeysetId: this.keysetIds.id(affinityKeys.join('\u0000')),
      affinityPerNode,
      hostPorts: pod.hostPorts,
      volumes,
      perNode: false,
      requestIds: new Int32Array(0),
      requestAmounts: new Float64Array(0),
      taintPass: new Verdicts(),
      affinityPass: new Verdicts(),
      cpu: (change.requests ?? pod.requests).cpu ?? 0,
      zoneSensitive: volumes.length > 0 || affinityKeys.some(key => PLACEMENT_LABELS.has(key)),
    };
    const requested = Object.entries(needs.requests).filter(([name, amount]) => amount > 0 && name !== 'pods');
    needs.requestIds = Int32Array.from(requested, ([name]) => this.state.resources.id(name));
    needs.requestAmounts = Float64Array.from(requested, ([, amount]) => amount);
    needs.interPod = this.interPodState(pod);
    needs.spread = this.spreadState(needs);
    needs.perNode =
      affinityPerNode || needs.hostPorts.length > 0 || needs.interPod !== undefined || needs.spread !== undefined;
    needs.zoneSensitive ||= needs.perNode;
    return needs;
  }

  private interPodState(pod: PodRecord): InterPodAffinityState | undefined {
    if (pod.podAffinity.length === 0 && pod.podAntiAffinity.length === 0 && this.state.existingAntiAffinity.length === 0) {
      return undefined;
    }
    const compile = (terms: typeof pod.podAffinity) =>
      terms.map(term => compilePodAffinityTerm(term, pod, this.state.namespaceLabels));
    const state = buildInterPodAffinityState(
      {
        namespace: pod.namespace,
        labels: pod.labels,
        affinityTerms: compile(pod.podAffinity),
        antiAffinityTerms: compile(pod.podAntiAffinity),
      },
      this.state.placed,
      this.state.existingAntiAffinity,
    );
    const idle =
      state.affinityTerms.length === 0 && state.antiAffinityTerms.length === 0 && state.existingAntiAffinity.size === 0;
    return idle ? undefined : state;
  }

  private spreadState(needs: PodNeeds): TopologySpreadState | undefined {
    const constraints = compileSpreadConstraints(needs.pod.spread, needs.pod.labels);
    if (constraints.length === 0) return undefined;
    const counter = new TopologySpreadCounter(constraints, needs.pod.namespace);
    // One reused view object: this runs over every node for each spread signature.
    const view: SpreadNode = { labels: {}, matchesNodeAffinity: false, toleratesTaints: false, pods: [] };
    const perNodeDomains = constraints.some(c => PER_NODE_LABEL_KEYS.has(c.topologyKey));
    const classAffinity = new Map<number, boolean>();
    const classTaints = new Map<number, boolean>();
    for (const pool of this.state.pools) {
      for (const cls of pool.classes) {
        const matches = needs.affinityPerNode ? undefined : this.affinityReason(needs, cls) === null;
        if (matches !== undefined) classAffinity.set(cls.id, matches);
        classTaints.set(cls.id, this.taintReason(needs, cls) === null);
        view.toleratesTaints = classTaints.get(cls.id)!;
        if (!perNodeDomains && matches !== undefined) {
          view.labels = cls.labels;
          view.matchesNodeAffinity = matches;
          counter.addDomain(view);
          continue;
        }
        for (const node of cls.nodes) {
          view.labels = node.labels;
          view.matchesNodeAffinity = matches ?? checkNodeAffinity(needs.affinity, node.labels, node.name) === undefined;
          counter.addDomain(view);
        }
      }
    }
    // Only pods of the pod's own namespace can match: walk those, not every node.
    for (const pod of this.state.placed.byNamespace.get(needs.pod.namespace) ?? []) {
      const node = pod.node;
      if (!node) continue;
      view.labels = node.labels;
      view.toleratesTaints = classTaints.get(node.classId) ?? false;
      view.matchesNodeAffinity =
        classAffinity.get(node.classId) ?? checkNodeAffinity(needs.affinity, node.labels, node.name) === undefined;
      counter.addPod(view, pod);
    }
    return counter.finish();
  }

  private taintReason(needs: PodNeeds, shape: NodeShape): CheckReason | null {
    const key = pair(needs.tolerationsId, shape.taintsId);
    let result = this.taintResults.get(key);
    if (result === undefined) {
      result = checkTaints(shape.taints, needs.tolerations) ?? null;
      this.taintResults.set(key, result);
    }
    return result;
  }

  private projection(shape: NodeShape, needs: PodNeeds): number {
    let id = shape.projections.get(needs.affinityKeysetId);
    if (id === undefined) {
      let key = '';
      for (const label of needs.affinityKeys) key += `${shape.labels[label] ?? '\u0001'}\u0000`;
      id = this.projectionIds.id(key);
      shape.projections.set(needs.affinityKeysetId, id);
    }
    return id;
  }

  /** Node affinity on a shape's labels; only valid when the affinity does not read the node name. */
  private affinityReason(needs: PodNeeds, shape: NodeShape): CheckReason | null {
    if (needs.affinityKeys.length === 0) return null;
    const key = pair(needs.affinityId, this.projection(shape, needs));
    let result = this.affinityResults.get(key);
    if (result === undefined) {
      result = checkNodeAffinity(needs.affinity, shape.labels, NEW_NODE_HOSTNAME) ?? null;
      this.affinityResults.set(key, result);
    }
    return result;
  }

  /** Checks that depend only on a node's labels, taints and cordon state. */
  staticReasons(needs: PodNeeds, shape: NodeShape, nodeName = NEW_NODE_HOSTNAME): CheckReason[] {
    const reasons: CheckReason[] = [];
    if (shape.unschedulable && !needs.toleratesUnschedulable) reasons.push(UNSCHEDULABLE);
    const taint = this.taintReason(needs, shape);
    if (taint) reasons.push(taint);
    if (!needs.affinityPerNode) {
      const affinity = this.affinityReason(needs, shape);
      if (affinity) reasons.push(affinity);
    }
    if (needs.volumes.length > 0) {
      const volume = checkVolumeZone(needs.volumes, shape.labels, nodeName);
      if (volume) reasons.push(volume);
    }
    return reasons;
  }

  /** Checks that depend on the individual node: room, ports, pods around it. */
  private dynamicReasons(needs: PodNeeds, labels: Record<string, string>, nodeName: string, newNode?: { eligible: boolean }): CheckReason[] {
    const reasons: CheckReason[] = [];
    if (needs.affinityPerNode) {
      const affinity = checkNodeAffinity(needs.affinity, labels, nodeName);
      if (affinity) reasons.push(affinity);
    }
    if (needs.interPod) reasons.push(...checkInterPodAffinity(needs.interPod, labels));
    if (needs.spread) {
      const spread = checkTopologySpread(needs.spread, labels, newNode);
      if (spread) reasons.push(spread);
    }
    return reasons;
  }

  private classShort(needs: PodNeeds, cls: NodeClass): ShortResource[] {
    const short: ShortResource[] = [];
    const maxAllocatable = maxAllocatableOf(cls);
    if ((cls.maxFree.pods ?? 0) < 1) {
      const allocatable = maxAllocatable.pods ?? 0;
      short.push({ resource: 'pods', requested: 1, free: cls.maxFree.pods ?? 0, allocatable });
    }
    for (const [resource, requested] of Object.entries(needs.requests)) {
      if (requested <= 0 || resource === 'pods') continue;
      const free = cls.maxFree[resource] ?? 0;
      if (requested > free) {
        short.push({ resource, requested, free, allocatable: maxAllocatable[resource] ?? 0 });
      }
    }
    return short;
  }

  private nodeFits(needs: PodNeeds, node: NodeRecord, tally: ReasonTally): boolean {
    const short = shortResources(needs.requests, node);
    const reasons: CheckReason[] = [];
    if (needs.hostPorts.length > 0) {
      const ports = checkHostPorts(needs.hostPorts, node.usedPorts);
      if (ports) reasons.push(ports);
    }
    if (needs.perNode) reasons.push(...this.dynamicReasons(needs, node.labels, node.name));
    if (short.length === 0 && reasons.length === 0) return true;
    tally.addShort(short, 1);
    tally.add(reasons, 1);
    return false;
  }

  private evaluateCandidate(needs: PodNeeds, candidate: TemplateCandidate, template: PoolTemplate): CandidateResult {
    const open: NodeShape[] = [];
    let closed: CheckReason[] | undefined;
    for (const placement of candidate.placements) {
      const reasons = this.staticReasons(needs, placement);
      if (reasons.length === 0) open.push(placement);
      else closed ??= reasons;
    }
    if (open.length === 0) return { candidate, fits: false, reasons: closed ?? [] };
    const reasons: CheckReason[] = [];
    if (candidate.allocatable) {
      const short = shortResources(needs.requests, {
        allocatable: candidate.allocatable,
        requested: candidate.overhead,
        podCount: candidate.overheadPods,
      });
      for (const item of short) reasons.push(shortResourceReason(item, 'free on a new node'));
    }
    if (needs.hostPorts.length > 0) {
      const ports = checkHostPorts(needs.hostPorts, candidate.usedPorts);
      if (ports) reasons.push({ ...ports, message: `${ports.message} by the pool's daemonsets` });
    }
    if (needs.perNode) {
      let dynamic: CheckReason[] | undefined;
      for (const placement of open) {
        const eligible = !needs.affinityPerNode || checkNodeAffinity(needs.affinity, placement.labels, NEW_NODE_HOSTNAME) === undefined;
        const found = this.dynamicReasons(needs, placement.labels, NEW_NODE_HOSTNAME, { eligible });
        if (found.length === 0) {
          dynamic = undefined;
          break;
        }
        dynamic ??= found;
      }
      if (dynamic) reasons.push(...dynamic);
    }
    if (reasons.length > 0) return { candidate, fits: false, reasons };
    const remaining = template.scaling.remaining;
    if (remaining && candidate.capacity) {
      for (const [resource, left] of Object.entries(remaining)) {
        const adds = candidate.capacity[resource] ?? 0;
        if (adds > left) {
          const limit = template.scaling.limits?.[resource] ?? 0;
          return {
            candidate,
            fits: true,
            reasons: [],
            limitsReason: {
              code: 'max-size',
              message: `the NodePool's limits.${resource} is reached: ${formatResourceAmount(resource, limit - left)} of ${formatResourceAmount(resource, limit)} in use, a new ${candidate.machineType ?? 'node'} adds ${formatResourceAmount(resource, adds)}`,
            },
          };
        }
      }
    }
    return { candidate, fits: true, reasons: [] };
  }

  private evaluateScaleUp(needs: PodNeeds, template: PoolTemplate) {
    let fitting: CandidateResult | undefined;
    let closest: CandidateResult | undefined;
    for (const candidate of template.candidates) {
      const result = this.evaluateCandidate(needs, candidate, template);
      if (result.fits && !result.limitsReason) return { result, fitsWithinLimits: true };
      if (result.fits) {
        fitting ??= result;
        continue;
      }
      if (!closest || result.reasons.length < closest.reasons.length) closest = result;
    }
    return { result: fitting ?? closest, fitsWithinLimits: false };
  }

  /** Some nodes of the pool are at max pods, and prefix delegation would raise that max. */
  mayBeIpLimited(pool: PoolState): boolean {
    return pool.classes.some(c => (c.maxFree.pods ?? 0) < 1) && this.prefixLimit(pool) !== undefined;
  }

  private prefixLimit(pool: PoolState): IpExhaustion | undefined {
    let limit = this.prefixLimits.get(pool);
    if (limit === undefined) {
      limit = this.findPrefixLimit(pool) ?? null;
      this.prefixLimits.set(pool, limit);
    }
    return limit ?? undefined;
  }

  private findPrefixLimit(pool: PoolState): IpExhaustion | undefined {
    const profile = providerProfile(pool.provider);
    const network = interfaceNetworkOf(profile.podIps);
    if (this.options.prefixDelegation || !network?.prefixDelegation || profile.cloud === 'none') return undefined;
    const node = pool.classes[0]?.nodes[0];
    const machineType = node?.labels[INSTANCE_TYPE_LABEL] ?? node?.labels[INSTANCE_TYPE_LABEL_BETA];
    const machine = machineType ? this.catalog.get(profile.cloud, machineType) : undefined;
    const withPrefixes = machine ? prefixDelegationMaxPodsOf(network, machine) : undefined;
    const maxPods = node?.allocatable.pods ?? 0;
    if (!machine || withPrefixes === undefined || withPrefixes <= maxPods) return undefined;
    return {
      machineType: machine.name,
      maxPods,
      withPrefixes,
      network: network.name,
      howToEnable: network.prefixDelegation.howToEnable,
    };
  }

  /** Is the pod held back by the VPC CNI's per-node IP limit that prefix delegation would lift? */
  private ipExhaustion(pool: PoolState, reasons: readonly TalliedReason[]): IpExhaustion | undefined {
    if (!reasons.some(r => r.code === 'insufficient:pods')) return undefined;
    return this.prefixLimit(pool);
  }


  /** Label, taint, cordon and volume checks as a yes/no, cached per signature by taint set and label projection. */
  private shapePasses(needs: PodNeeds, shape: NodeShape, ignore: number, nodeName: string): boolean {
    if (shape.unschedulable && !needs.toleratesUnschedulable) return false;
    if (!(ignore & IGNORE_TAINTS)) {
      let tolerated = needs.taintPass.get(shape.taintsId);
      if (tolerated === 0) {
        tolerated = this.taintReason(needs, shape) === null ? 1 : 2;
        needs.taintPass.set(shape.taintsId, tolerated);
      }
      if (tolerated === 2) return false;
    }
    if (!(ignore & IGNORE_NODE_AFFINITY) && !needs.affinityPerNode && needs.affinityKeys.length > 0) {
      const projection = this.projection(shape, needs);
      let matches = needs.affinityPass.get(projection);
      if (matches === 0) {
        matches = this.affinityReason(needs, shape) === null ? 1 : 2;
        needs.affinityPass.set(projection, matches);
      }
      if (matches === 2) return false;
    }
    return needs.volumes.length === 0 || checkVolumeZone(needs.volumes, shape.labels, nodeName) === undefined;
  }

  private dynamicPasses(needs: PodNeeds, labels: Record<string, string>, nodeName: string, ignore: number, newNode?: { eligible: boolean }): boolean {
    if (needs.affinityPerNode && !(ignore & IGNORE_NODE_AFFINITY) && checkNodeAffinity(needs.affinity, labels, nodeName)) {
      return false;
    }
    if (needs.interPod && !interPodAffinityPasses(needs.interPod, labels)) return false;
    return !needs.spread || checkTopologySpread(needs.spread, labels, newNode) === undefined;
  }

  /**
   * The verdict bits of one signature on one pool, without reasons: no
   * allocation on the common path, so every pod x pool pair can be answered.
   * `ignore` leaves checks out for "what if" questions.
   */
  quickVerdict(needs: PodNeeds, pool: PoolState, ignore = 0): number {
    let flags = 0;
    const checkRoom = !(ignore & IGNORE_RESOURCES);
    const poolHasRoom = !checkRoom || needs.perNode || roomIn(needs, pool.maxFreeVector);
    for (const cls of poolHasRoom ? pool.classes : NO_CLASSES) {
      if (!this.shapePasses(needs, cls, ignore, cls.nodes[0].name)) continue;
      if (checkRoom && !needs.perNode && !roomIn(needs, cls.maxFreeVector)) continue;
      for (const node of cls.nodes) {
        // Nodes are ordered by free cpu: once one is short of cpu, all the rest are.
        if (checkRoom && freeCpu(node) < needs.cpu) break;
        if (checkRoom && !roomIn(needs, node.free)) continue;
        if (needs.hostPorts.length > 0 && checkHostPorts(needs.hostPorts, node.usedPorts)) continue;
        if (needs.perNode && !this.dynamicPasses(needs, node.labels, node.name, ignore)) continue;
        flags |= FITS_NOW;
        break;
      }
      if (flags & FITS_NOW) break;
    }
    const template = this.template(pool);
    for (const candidate of template.candidates) {
      if (checkRoom && candidate.freeVector && !roomIn(needs, candidate.freeVector)) continue;
      if (needs.hostPorts.length > 0 && checkHostPorts(needs.hostPorts, candidate.usedPorts)) continue;
      let placed = false;
      const placements = needs.zoneSensitive ? candidate.placements.length : Math.min(1, candidate.placements.length);
      for (let i = 0; i < placements; i++) {
        const placement = candidate.placements[i];
        if (!this.shapePasses(needs, placement, ignore, NEW_NODE_HOSTNAME)) continue;
        if (needs.perNode) {
          const eligible =
            !needs.affinityPerNode || checkNodeAffinity(needs.affinity, placement.labels, NEW_NODE_HOSTNAME) === undefined;
          if (!this.dynamicPasses(needs, placement.labels, NEW_NODE_HOSTNAME, ignore, { eligible })) continue;
        }
        placed = true;
        break;
      }
      if (!placed) continue;
      flags |= FITS_NEW_NODE;
      if (template.scaling.canAdd && withinLimits(template, candidate)) {
        flags |= FITS_AFTER_SCALE_UP;
        break;
      }
    }
    return flags;
  }

  /** How many pods of the signature one new node of the pool holds (0 when it holds none or is unknown). */
  podsPerNewNode(needs: PodNeeds, pool: PoolState): number {
    let best = 0;
    for (const candidate of this.template(pool).candidates) best = Math.max(best, freeOn(candidate, needs.requests) ?? 0);
    return best;
  }

  evaluatePool(needs: PodNeeds, pool: PoolState): PoolEvaluation {
    const tally = new ReasonTally();
    const untolerated = new Map<string, Taint>();
    let fitsNow = false;
    for (const cls of pool.classes) {
      const statics = this.staticReasons(needs, cls, cls.nodes[0].name);
      if (statics.length > 0) {
        tally.add(statics, cls.nodes.length);
        for (const taint of untoleratedTaints(cls.taints, needs.tolerations)) untolerated.set(JSON.stringify(taint), taint);
        continue;
      }
      if (!needs.perNode) {
        const short = this.classShort(needs, cls);
        if (short.length > 0) {
          tally.addShort(short, cls.nodes.length);
          continue;
        }
      }
      for (const node of cls.nodes) {
        if (this.nodeFits(needs, node, tally)) {
          fitsNow = true;
          break;
        }
      }
      if (fitsNow) break;
    }
    const template = this.template(pool);
    const { result, fitsWithinLimits } = this.evaluateScaleUp(needs, template);
    const fitsNewNode = result?.fits === true;
    const newNodeReasons =
      template.candidates.length === 0
        ? [NO_CANDIDATE]
        : result?.reasons ?? [];
    const scalingReason = template.scaling.canAdd ? result?.limitsReason : template.scaling.reason;
    const candidate = result?.candidate;
    if (candidate) {
      for (const taint of untoleratedTaints(candidate.taints, needs.tolerations)) untolerated.set(JSON.stringify(taint), taint);
    }
    const nodeReasons = fitsNow ? [] : tally.list();
    return {
      pool,
      fitsNow,
      fitsAfterScaleUp: fitsNewNode && template.scaling.canAdd && fitsWithinLimits,
      fitsNewNode,
      nodeReasons,
      newNodeReasons,
      scalingReason,
      candidate,
      podsPerNewNode: candidate && fitsNewNode ? freeOn(candidate, needs.requests) : undefined,
      untolerated: [...untolerated.values()],
      ipExhaustion: fitsNow ? undefined : this.ipExhaustion(pool, nodeReasons),
      template,
    };
  }
}
