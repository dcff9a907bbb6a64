import { capacityGroupsOf, type NodeShape, type PoolState } from '../cluster';
import type { CheckTarget, NodeFilter, ShapeFilter } from '../checks/types';
import { withinLimits, type PoolTemplate, type TemplateCandidate } from '../templates';
import { FITS_AFTER_SCALE_UP, FITS_NEW_NODE, FITS_NOW, type Active, type PodNeeds } from './needs';

/*
 * The pass over every pod signature and pool. Its loops call the prepared
 * filters directly, one small function per level of filter: each call site
 * then sees the few kinds of filter of its level, which the JavaScript
 * engine calls (and inlines) fast; one site for every kind would not.
 */

function shapePasses(filters: readonly ShapeFilter[], shape: NodeShape): boolean {
  for (let i = 0; i < filters.length; i++) if (!filters[i].passes(shape)) return false;
  return true;
}

function labelsPass(filters: readonly NodeFilter[], node: CheckTarget): boolean {
  for (let i = 0; i < filters.length; i++) if (!filters[i].passes(node)) return false;
  return true;
}

function roomPasses(filters: readonly NodeFilter[], node: CheckTarget): boolean {
  for (let i = 0; i < filters.length; i++) if (!filters[i].passes(node)) return false;
  return true;
}

function topologyPasses(filters: readonly NodeFilter[], node: CheckTarget): boolean {
  for (let i = 0; i < filters.length; i++) if (!filters[i].passes(node)) return false;
  return true;
}

/** Capacity prefilters on the most a group of nodes has free: false rules them all out. */
function groupPasses(filters: readonly NodeFilter[], maxFree: Float64Array, at: number): boolean {
  for (let i = 0; i < filters.length; i++) {
    const filter = filters[i];
    if (filter.prefilter && !filter.prefilter(maxFree, at)) return false;
  }
  return true;
}

function exhausted(filters: readonly NodeFilter[], node: CheckTarget): boolean {
  for (let i = 0; i < filters.length; i++) {
    const filter = filters[i];
    if (filter.exhausts && filter.exhausts(node)) return true;
  }
  return false;
}

/** The filters of a signature that a "what if" verdict keeps. */
function kept<F>(filters: ReadonlyArray<Active<F>>, ignore: number): F[] {
  const result: F[] = [];
  for (const { bit, filter } of filters) if (!(ignore & bit)) result.push(filter);
  return result;
}

interface Filters {
  shape: readonly ShapeFilter[];
  labels: readonly NodeFilter[];
  capacity: readonly NodeFilter[];
  topology: readonly NodeFilter[];
}

/** A signature's filters less the ones left out, kept per set of bits: the fixes ask the same "what if" of every pool. */
const withoutChecks = new WeakMap<PodNeeds, Map<number, Filters>>();

function filtersFor(needs: PodNeeds, ignore: number): Filters {
  if (ignore === 0) return needs.quick;
  let byIgnore = withoutChecks.get(needs);
  if (!byIgnore) withoutChecks.set(needs, (byIgnore = new Map()));
  let filters = byIgnore.get(ignore);
  if (!filters) {
    filters = {
      shape: kept(needs.shapeFilters, ignore),
      labels: kept(needs.labelFilters, ignore),
      capacity: kept(needs.capacityFilters, ignore),
      topology: kept(needs.topologyFilters, ignore),
    };
    byIgnore.set(ignore, filters);
  }
  return filters;
}

function fitsAnExistingNode(filters: Filters, pool: PoolState): boolean {
  const { shape, labels, capacity, topology } = filters;
  if (!groupPasses(capacity, pool.maxFreeVector, pool.maxFreeAt)) return false;
  const classes = pool.classes;
  for (let c = 0; c < classes.length; c++) {
    const cls = classes[c];
    if (!shapePasses(shape, cls) || !groupPasses(capacity, cls.maxFreeVector, cls.maxFreeAt)) continue;
    // Only room and ports left to ask: one node of each capacity group answers for all of it.
    const groups = labels.length === 0 && topology.length === 0 ? capacityGroupsOf(cls) : undefined;
    if (groups) {
      for (let i = 0; i < groups.length; i++) {
        const node = groups[i].node;
        if (exhausted(capacity, node)) break;
        if (roomPasses(capacity, node)) return true;
      }
      continue;
    }
    const nodes = cls.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (exhausted(capacity, node)) break;
      if (labelsPass(labels, node) && roomPasses(capacity, node) && topologyPasses(topology, node)) return true;
    }
  }
  return false;
}

/** Whether a new node of the candidate takes the pod: its room, and some placement the other filters pass. */
function candidateTakes(filters: Filters, zoneSensitive: boolean, candidate: TemplateCandidate): boolean {
  const placements = candidate.placements;
  // Room and ports are the candidate's, the same on every placement.
  if (placements.length === 0 || !roomPasses(filters.capacity, placements.at(0))) return false;
  const count = zoneSensitive ? placements.length : 1;
  for (let i = 0; i < count; i++) {
    const placement = placements.at(i);
    if (shapePasses(filters.shape, placement) && labelsPass(filters.labels, placement) && topologyPasses(filters.topology, placement)) {
      return true;
    }
  }
  return false;
}

/**
 * The first of a template's candidates that takes the pod within the
 * pool's limits, found without allocating; undefined when none does.
 */
export function firstCandidateWithinLimits(needs: PodNeeds, template: PoolTemplate): TemplateCandidate | undefined {
  const filters = needs.quick;
  if (template.maxFreeVector && !groupPasses(filters.capacity, template.maxFreeVector, 0)) return undefined;
  const candidates = template.candidates;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c];
    if (candidateTakes(filters, needs.zoneSensitive, candidate) && withinLimits(template, candidate)) return candidate;
  }
  return undefined;
}

/**
 * The verdict bits of one signature on one pool, without reasons: the same
 * registered checks as the explaining path, answered yes or no with no
 * allocation, so every pod x pool pair can be answered. `ignore` holds the
 * bits of checks to leave out, for "what if" questions.
 */
export function quickVerdict(needs: PodNeeds, pool: PoolState, template: PoolTemplate, ignore = 0): number {
  const filters = filtersFor(needs, ignore);
  let flags = fitsAnExistingNode(filters, pool) ? FITS_NOW : 0;
  if (template.maxFreeVector && !groupPasses(filters.capacity, template.maxFreeVector, 0)) return flags;
  const candidates = template.candidates;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c];
    if (!candidateTakes(filters, needs.zoneSensitive, candidate)) continue;
    flags |= FITS_NEW_NODE;
    if (template.scaling.canAdd && withinLimits(template, candidate)) {
      flags |= FITS_AFTER_SCALE_UP;
      break;
    }
  }
  return flags;
}
