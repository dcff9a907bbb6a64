import { formatResourceAmount } from '../../quantity/format';
import { ResourceIndex } from '../cluster/indexes';
import type { ResourceMap } from '../read';
import type { CheckReason } from '../types';
import { interfaceLimitCause, interfaceLimitOf } from '../podIpLimit';
import type { CheckTarget, Finding, NodeFilter, SchedulingCheck, ShortFinding } from './types';

/** What a node offers: allocatable, already requested by its pods, and how many pods it runs. */
export interface NodeCapacity {
  allocatable: ResourceMap;
  requested: ResourceMap;
  podCount: number;
}

export interface ShortResource {
  resource: string;
  requested: number;
  free: number;
  allocatable: number;
  /** What holds the amount where it is, when known (a node's pod network). */
  cause?: string;
}

/** The requests a node can be short of, in the order the pod names them. */
function requestedEntries(requests: ResourceMap): Array<[string, number]> {
  return Object.entries(requests).filter(([resource, requested]) => requested > 0 && resource !== 'pods');
}

export function describeShortResource(short: ShortResource, freeLabel = 'free'): string {
  const amount = (value: number) => formatResourceAmount(short.resource, value);
  if (short.resource === 'pods') {
    return `Too many pods: ${short.allocatable - short.free} of ${short.allocatable} allowed in use${short.cause ? `; ${short.cause}` : ''}`;
  }
  if (short.allocatable === 0) {
    return `Insufficient ${short.resource}: requests ${amount(short.requested)}, node has none`;
  }
  return `Insufficient ${short.resource}: requests ${amount(short.requested)}, ${freeLabel} ${amount(Math.max(0, short.free))} of ${amount(short.allocatable)} allocatable`;
}

export function shortResourceReason(short: ShortResource, freeLabel?: string): CheckReason {
  return { code: `insufficient:${short.resource}`, message: describeShortResource(short, freeLabel) };
}

// Read once: an imported binding is a property read each time, and these run for every node.
const PODS = ResourceIndex.PODS;
const CPU = ResourceIndex.CPU;

function findingOf(short: ShortResource): ShortFinding {
  return { code: `insufficient:${short.resource}`, short };
}

/** A finding as a reason; a short resource's numbers are worded with the given word for its free amount. */
export function findingReason(finding: Finding, freeLabel?: string): CheckReason {
  return 'short' in finding ? shortResourceReason(finding.short, freeLabel) : finding;
}

/**
 * The pod's requests against free-amount vectors: a pool's or class's
 * largest free amounts rule all of its nodes out at once, and nodes ordered
 * by free cpu let a search stop at the first one short of it.
 */
class ResourcesFilter implements NodeFilter {
  readonly level = 'capacity';
  private readonly ids: Int32Array;
  private readonly amounts: Float64Array;
  private readonly cpu: number;
  /** The requests that are checked, worked out once rather than per node explained. */
  private readonly requested: Array<[string, number]>;

  constructor(
    requests: ResourceMap,
    resources: ResourceIndex,
    private readonly podsShort: (short: ShortResource, node: CheckTarget) => ShortFinding,
  ) {
    const requested = requestedEntries(requests);
    this.requested = requested;
    this.ids = Int32Array.from(requested, ([name]) => resources.id(name));
    this.amounts = Float64Array.from(requested, ([, amount]) => amount);
    this.cpu = requests.cpu ?? 0;
  }

  prefilter(free: Float64Array, at: number): boolean {
    if (free[at + PODS] < 1) return false;
    const { ids, amounts } = this;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id < 0 || free[at + id] < amounts[i]) return false;
    }
    return true;
  }

  /** Only a pod that requests cpu can run out of it: one that requests none fits an over-committed node. */
  exhausts(node: CheckTarget): boolean {
    return this.cpu > 0 && node.free !== undefined && node.free[node.freeAt + CPU] < this.cpu;
  }

  /** A new node of a machine type the catalog does not know has no known room: it is not checked. */
  passes(node: CheckTarget): boolean {
    return node.free === undefined || this.prefilter(node.free, node.freeAt);
  }

  explain(node: CheckTarget): Finding[] {
    if (!node.allocatable || !node.free) return [];
    const short = this.shortOn(node.allocatable, node.free, node.freeAt);
    const findings: Finding[] = new Array(short.length);
    for (let i = 0; i < short.length; i++) {
      findings[i] = short[i].resource === 'pods' ? this.podsShort(short[i], node) : findingOf(short[i]);
    }
    return findings;
  }

  /**
   * What the node is short of, on its free-amount vector: the pod slot,
   * and every resource the pod requests, not only the first. A resource
   * requested at zero is not checked; one the node does not offer has no
   * room. What the node's pods request is allocatable less free.
   */
  private shortOn(offered: ResourceMap, free: Float64Array, at: number): ShortResource[] {
    const short: ShortResource[] = [];
    if (free[at + PODS] < 1) {
      short.push({ resource: 'pods', requested: 1, free: free[at + PODS], allocatable: offered.pods ?? 0 });
    }
    const { ids, amounts, requested } = this;
    for (let i = 0; i < ids.length; i++) {
      // Every resource a pending pod requests has an index: -1 is a what-if request no node offers.
      const left = ids[i] < 0 ? 0 : free[at + ids[i]];
      if (amounts[i] > left) short.push({ resource: requested[i][0], requested: amounts[i], free: left, allocatable: offered[requested[i][0]] ?? 0 });
    }
    return short;
  }
}

/**
 * NodeResourcesFit on one node given as maps, as reasons: one
 * `insufficient:<resource>` per short resource. The filter's own path, on
 * the node's free-amount vector (allocatable less what its pods request).
 */
export function checkResources(requests: ResourceMap, node: NodeCapacity): CheckReason[] {
  const resources = new ResourceIndex();
  for (const name of Object.keys(node.allocatable)) resources.add(name);
  for (const name of Object.keys(requests)) resources.add(name);
  const free = resources.vector(node.allocatable);
  for (const [name, amount] of Object.entries(node.requested)) {
    const id = resources.id(name);
    if (id > PODS) free[id] -= amount;
  }
  free[PODS] = (node.allocatable.pods ?? 0) - node.podCount;
  const target = { allocatable: node.allocatable, free, freeAt: 0 } as CheckTarget;
  return new ResourcesFilter(requests, resources, findingOf).explain(target).map(finding => findingReason(finding));
}

/** NodeResourcesFit as a registered check. */
export const resourcesCheck: SchedulingCheck = {
  name: 'NodeResourcesFit',
  start(env) {
    const { state, catalog, options } = env;
    /** A node full at its pod network's interface limit: the scheduler says `insufficient:pods`, the cause goes in the words. */
    const podsShort = (short: ShortResource, node: CheckTarget): ShortFinding => {
      const record = node.newNode ? undefined : state.nodesByName.get(node.name);
      const limit = record
        ? interfaceLimitOf(state.poolOf(record).provider, record.labels, short.allocatable, catalog, options.prefixDelegation === true)
        : undefined;
      return findingOf(limit ? { ...short, cause: interfaceLimitCause(limit) } : short);
    };
    return { prepare: demand => new ResourcesFilter(demand.requests, state.resources, podsShort) };
  },
};
