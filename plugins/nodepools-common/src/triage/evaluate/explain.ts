import { capacityGroupsOf, type NodeShape, type PoolState } from '../cluster';
import { findingReason } from '../checks/resources';
import type { CheckTarget, Finding, NodeFilter, ShapeFilter } from '../checks/types';
import { ReasonTally, type TalliedReason } from '../tally';
import { limitReached, type Placement, type PoolTemplate, type TemplateCandidate } from '../templates';
import type { CheckReason } from '../types';
import type { IpExhaustion } from '../podIpLimit';
import type { Active, PodNeeds } from './needs';
import { firstCandidateWithinLimits } from './quick';

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

/** Adds the findings of the shape filters that fail; passing ones are asked no more (explaining allocates). */
function explainShape(filters: ReadonlyArray<Active<ShapeFilter>>, shape: NodeShape, into: Finding[] = []): Finding[] {
  for (const { filter } of filters) {
    if (!filter.passes(shape)) for (const finding of filter.explain(shape)) into.push(finding);
  }
  return into;
}

function explainNode(filters: ReadonlyArray<Active<NodeFilter>>, node: CheckTarget, into: Finding[] = []): Finding[] {
  for (const { filter } of filters) {
    if (!filter.passes(node)) for (const finding of filter.explain(node)) into.push(finding);
  }
  return into;
}

/** Findings on a new node as reasons: its free room is what the template leaves after its daemonsets. */
function reasonsOf(findings: readonly Finding[]): CheckReason[] {
  return findings.map(finding => {
    const { code, message } = findingReason(finding, 'free on a new node');
    return { code, message };
  });
}

/**
 * Blockers on the pool's existing nodes, each node reported once at its
 * first tier: what its labels, taints and cordon state rule out (shape
 * filters answered once per class, label filters per node), else its room,
 * ports and the pods around it.
 */
function explainExistingNodes(needs: PodNeeds, pool: PoolState, tally: ReasonTally): boolean {
  // One scratch list for every node: most nodes of a large pool add nothing new.
  const findings: Finding[] = [];
  for (const cls of pool.classes) {
    const shape = explainShape(needs.shapeFilters, cls);
    if (shape.length > 0 && needs.labelFilters.length === 0) {
      tally.add(shape, cls.nodes.length);
      continue;
    }
    // Only room and ports can block: nodes of one capacity group find the same.
    const groups =
      shape.length === 0 && needs.labelFilters.length === 0 && needs.topologyFilters.length === 0 ? capacityGroupsOf(cls) : undefined;
    if (groups) {
      for (const { node, count } of groups) {
        findings.length = 0;
        explainNode(needs.capacityFilters, node, findings);
        if (findings.length === 0) return true;
        tally.add(findings, count);
      }
      continue;
    }
    for (const node of cls.nodes) {
      findings.length = 0;
      for (const finding of shape) findings.push(finding);
      explainNode(needs.labelFilters, node, findings);
      if (findings.length === 0) {
        explainNode(needs.capacityFilters, node, findings);
        explainNode(needs.topologyFilters, node, findings);
        if (findings.length === 0) return true;
      }
      tally.add(findings, 1);
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
export function evaluateCandidate(needs: PodNeeds, candidate: TemplateCandidate, template: PoolTemplate): CandidateResult {
  const open: Placement[] = [];
  let closed: Finding[] | undefined;
  const placements = candidate.placements;
  for (let i = 0; i < placements.length; i++) {
    const placement = placements.at(i);
    const findings = explainNode(needs.labelFilters, placement, explainShape(needs.shapeFilters, placement));
    if (findings.length === 0) open.push(placement);
    else closed ??= findings;
  }
  if (open.length === 0) return { candidate, fits: false, reasons: reasonsOf(closed ?? []) };
  const findings = explainNode(needs.capacityFilters, open[0]);
  if (needs.topologyFilters.length > 0) {
    let topology: Finding[] | undefined;
    for (const placement of open) {
      const found = explainNode(needs.topologyFilters, placement);
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
  if (template.candidates.length > 1) {
    // A provisioner offers hundreds of machine types: the one that takes the
    // pod within the limits is found without explaining the others, whose
    // reasons would be dropped.
    const first = firstCandidateWithinLimits(needs, template);
    if (first) {
      const result = evaluateCandidate(needs, first, template);
      if (result.fits && !result.limitsReason) return { result, fitsWithinLimits: true };
    }
  }
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

/**
 * The explaining path: the same registered checks as the quick verdict,
 * with every blocker and its numbers. `fitsNowKnown`: the quick verdict
 * found a node that takes the pod, so no node has a blocker to report and
 * the existing nodes are not walked again.
 */
export function evaluatePool(
  needs: PodNeeds,
  pool: PoolState,
  template: PoolTemplate,
  ipExhaustion: (nodeReasons: readonly TalliedReason[]) => IpExhaustion | undefined,
  fitsNowKnown = false,
): PoolEvaluation {
  const tally = new ReasonTally();
  const fitsNow = fitsNowKnown || explainExistingNodes(needs, pool, tally);
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
