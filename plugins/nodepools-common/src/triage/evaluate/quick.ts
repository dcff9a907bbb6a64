import type { NodeShape, PoolState } from '../cluster';
import type { CheckTarget, NodeFilter, ShapeFilter } from '../checks/types';
import { NEW_NODE_HOSTNAME } from '../labels';
import { withinLimits, type PoolTemplate } from '../templates';
import { FITS_AFTER_SCALE_UP, FITS_NEW_NODE, FITS_NOW, type Active, type PodNeeds } from './needs';

function shapePasses(filters: ReadonlyArray<Active<ShapeFilter>>, shape: NodeShape, nodeName: string, ignore: number): boolean {
  for (let i = 0; i < filters.length; i++) {
    const active = filters[i];
    if (!(ignore & active.bit) && !active.filter.passes(shape, nodeName)) return false;
  }
  return true;
}

function nodePasses(filters: ReadonlyArray<Active<NodeFilter>>, node: CheckTarget, ignore: number): boolean {
  for (let i = 0; i < filters.length; i++) {
    const active = filters[i];
    if (!(ignore & active.bit) && !active.filter.passes(node)) return false;
  }
  return true;
}

/** The group prefilters: false when no node with at most these free amounts can pass. */
function groupPasses(filters: ReadonlyArray<Active<NodeFilter>>, maxFree: Float64Array, ignore: number): boolean {
  for (let i = 0; i < filters.length; i++) {
    const { bit, filter } = filters[i];
    if (!(ignore & bit) && filter.prefilter && !filter.prefilter(maxFree)) return false;
  }
  return true;
}

function exhausted(filters: ReadonlyArray<Active<NodeFilter>>, node: CheckTarget, ignore: number): boolean {
  for (let i = 0; i < filters.length; i++) {
    const { bit, filter } = filters[i];
    if (!(ignore & bit) && filter.exhausts?.(node)) return true;
  }
  return false;
}

function fitsAnExistingNode(needs: PodNeeds, pool: PoolState, ignore: number): boolean {
  if (!groupPasses(needs.capacityFilters, pool.maxFreeVector, ignore)) return false;
  for (const cls of pool.classes) {
    if (!shapePasses(needs.shapeFilters, cls, cls.nodes[0].name, ignore)) continue;
    if (!groupPasses(needs.capacityFilters, cls.maxFreeVector, ignore)) continue;
    for (const node of cls.nodes) {
      if (exhausted(needs.capacityFilters, node, ignore)) break;
      if (
        nodePasses(needs.labelFilters, node, ignore) &&
        nodePasses(needs.capacityFilters, node, ignore) &&
        nodePasses(needs.topologyFilters, node, ignore)
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * The verdict bits of one signature on one pool, without reasons: the same
 * registered checks as the explaining path, answered yes or no with no
 * allocation, so every pod x pool pair can be answered. `ignore` holds the
 * bits of checks to leave out, for "what if" questions.
 */
export function quickVerdict(needs: PodNeeds, pool: PoolState, template: PoolTemplate, ignore = 0): number {
  let flags = fitsAnExistingNode(needs, pool, ignore) ? FITS_NOW : 0;
  for (const candidate of template.candidates) {
    const placements = candidate.placements;
    // Room and ports are the candidate's, the same on every placement.
    if (placements.length === 0 || !nodePasses(needs.capacityFilters, placements[0].target, ignore)) continue;
    const count = needs.zoneSensitive ? placements.length : 1;
    let placed = false;
    for (let i = 0; i < count && !placed; i++) {
      const placement = placements[i];
      placed =
        shapePasses(needs.shapeFilters, placement, NEW_NODE_HOSTNAME, ignore) &&
        nodePasses(needs.labelFilters, placement.target, ignore) &&
        nodePasses(needs.topologyFilters, placement.target, ignore);
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
