import type { NodeShape, PoolState } from '../cluster';
import type { CheckTarget, Finding, NodeFilter, ShapeFilter } from '../checks/types';
import { NEW_NODE_HOSTNAME } from '../labels';
import { ReasonTally, type TalliedReason } from '../tally';
import { limitReached, type Placement, type PoolTemplate, type TemplateCandidate } from '../templates';
import type { CheckReason } from '../types';
import type { IpExhaustion } from './ipLimit';
import type { Active, PodNeeds } from './needs';

export interface CandidateResult {
  candidate: TemplateCandidate;
  fits: boolean;
  reasons: CheckReason[];
  /** A provisioner's pool: the candidate fits the pod but not the pool's remaining limits. */
  limitsReason?: CheckReason;
  /** The resource whose limit it passes. */
  limitsResource?: string;
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
  /** The resource whose limit a provisioner's pool reached. */
  limitsResource?: string;
  /** The new node that fits, or the closest one. */
  candidate?: TemplateCandidate;
  /** How many pods of this signature one new node holds. */
  podsPerNewNode?: number;
  ipExhaustion?: IpExhaustion;
  template: PoolTemplate;
}

function noCandidate(template: PoolTemplate): CheckReason {
  return { code: 'node-affinity', message: `no machine type of the catalog satisfies the ${template.noun}'s requirements` };
}

function explainShape(filters: ReadonlyArray<Active<ShapeFilter>>, shape: NodeShape, nodeName: string): Finding[] {
  const findings: Finding[] = [];
  for (const { filter } of filters) findings.push(...filter.explain(shape, nodeName));
  return findings;
}

function explainNode(filters: ReadonlyArray<Active<NodeFilter>>, node: CheckTarget): Finding[] {
  const findings: Finding[] = [];
  for (const { filter } of filters) findings.push(...filter.explain(node));
  return findings;
}

/** Findings as reasons: the numbers stay behind, the message already says them. */
function reasonsOf(findings: readonly Finding[]): CheckReason[] {
  return findings.map(({ code, message }) => ({ code, message }));
}

/**
 * Blockers on the pool's existing nodes, each node reported once at its
 * first tier: what its labels, taints and cordon state rule out, else its
 * room, ports and the pods around it. Classes a group prefilter rules out
 * are counted whole, unless some filter reads every node anyway.
 */
function explainExistingNodes(needs: PodNeeds, pool: PoolState, tally: ReasonTally): boolean {
  for (const cls of pool.classes) {
    const shape = explainShape(needs.shapeFilters, cls, cls.nodes[0].name);
    if (shape.length > 0) {
      tally.add(shape, cls.nodes.length);
      continue;
    }
    if (!needs.perNode) {
      const group: Finding[] = [];
      for (const { filter } of needs.capacityFilters) {
        if (filter.prefilter && filter.explainGroup && !filter.prefilter(cls.maxFreeVector)) group.push(...filter.explainGroup(cls));
      }
      if (group.length > 0) {
        tally.add(group, cls.nodes.length);
        continue;
      }
    }
    for (const node of cls.nodes) {
      const labels = explainNode(needs.labelFilters, node);
      if (labels.length > 0) {
        tally.add(labels, 1);
        continue;
      }
      const rest = [...explainNode(needs.capacityFilters, node), ...explainNode(needs.topologyFilters, node)];
      if (rest.length === 0) return true;
      tally.add(rest, 1);
    }
  }
  return false;
}

/**
 * One new node of the template: it fits when some placement passes the
 * shape and label filters, its room and ports take the pod, and some open
 * placement passes the topology filters; otherwise the reasons of the first
 * placement that failed.
 */
function evaluateCandidate(needs: PodNeeds, candidate: TemplateCandidate, template: PoolTemplate): CandidateResult {
  const open: Placement[] = [];
  let closed: Finding[] | undefined;
  for (const placement of candidate.placements) {
    const findings = [
      ...explainShape(needs.shapeFilters, placement, NEW_NODE_HOSTNAME),
      ...explainNode(needs.labelFilters, placement.target),
    ];
    if (findings.length === 0) open.push(placement);
    else closed ??= findings;
  }
  if (open.length === 0) return { candidate, fits: false, reasons: reasonsOf(closed ?? []) };
  const findings = explainNode(needs.capacityFilters, open[0].target);
  if (needs.topologyFilters.length > 0) {
    let topology: Finding[] | undefined;
    for (const placement of open) {
      const found = explainNode(needs.topologyFilters, placement.target);
      if (found.length === 0) {
        topology = undefined;
        break;
      }
      topology ??= found;
    }
    if (topology) findings.push(...topology);
  }
  if (findings.length > 0) return { candidate, fits: false, reasons: reasonsOf(findings) };
  const limit = limitReached(template, candidate);
  return { candidate, fits: true, reasons: [], limitsReason: limit?.reason, limitsResource: limit?.resource };
}

/** The first candidate that fits within the limits; else one that fits past them; else the one with the fewest reasons. */
function evaluateScaleUp(needs: PodNeeds, template: PoolTemplate) {
  let fitting: CandidateResult | undefined;
  let closest: CandidateResult | undefined;
  for (const candidate of template.candidates) {
    const result = evaluateCandidate(needs, candidate, template);
    if (result.fits && !result.limitsReason) return { result, fitsWithinLimits: true };
    if (result.fits) {
      fitting ??= result;
      continue;
    }
    if (!closest || result.reasons.length < closest.reasons.length) closest = result;
  }
  return { result: fitting ?? closest, fitsWithinLimits: false };
}

/** How many pods with these requests one new node of the candidate holds after its daemonsets. */
export function podsPerNode(candidate: TemplateCandidate, requests: Record<string, number>): number | undefined {
  if (!candidate.allocatable) return undefined;
  let count = (candidate.allocatable.pods ?? 0) - candidate.overheadPods;
  for (const [resource, amount] of Object.entries(requests)) {
    if (amount <= 0 || resource === 'pods') continue;
    const free = (candidate.allocatable[resource] ?? 0) - (candidate.overhead[resource] ?? 0);
    count = Math.min(count, Math.floor(free / amount));
  }
  return Math.max(0, count);
}

/** The explaining path: the same registered checks as the quick verdict, with every blocker and its numbers. */
export function evaluatePool(
  needs: PodNeeds,
  pool: PoolState,
  template: PoolTemplate,
  ipExhaustion: (nodeReasons: readonly TalliedReason[]) => IpExhaustion | undefined,
): PoolEvaluation {
  const tally = new ReasonTally();
  const fitsNow = explainExistingNodes(needs, pool, tally);
  const { result, fitsWithinLimits } = evaluateScaleUp(needs, template);
  const fitsNewNode = result?.fits === true;
  const candidate = result?.candidate;
  const nodeReasons = fitsNow ? [] : tally.list();
  return {
    pool,
    fitsNow,
    fitsAfterScaleUp: fitsNewNode && template.scaling.canAdd && fitsWithinLimits,
    fitsNewNode,
    nodeReasons,
    newNodeReasons: template.candidates.length === 0 ? [noCandidate(template)] : result?.reasons ?? [],
    scalingReason: template.scaling.canAdd ? result?.limitsReason : template.scaling.reason,
    limitsResource: template.scaling.canAdd ? result?.limitsResource : undefined,
    candidate,
    podsPerNewNode: candidate && fitsNewNode ? podsPerNode(candidate, needs.requests) : undefined,
    ipExhaustion: fitsNow ? undefined : ipExhaustion(nodeReasons),
    template,
  };
}
