import type { MachineCatalog } from '../../machines/catalog';
import { providerProfile } from '../../providers/registry';
import type { ClusterState, PoolState } from '../cluster';
import type { ResourceMap } from '../read';
import { nodeGroupCandidate } from './nodeGroup';
import { overheadFromNodes } from './overhead';
import { provisionerCandidates } from './provisioner';
import { scalingOf } from './scaling';
import type { PoolTemplate, TemplateCandidate } from './types';

export type { Placement, PoolScaling, PoolTemplate, TemplateCandidate } from './types';
export { daemonSetRunsOn } from './overhead';
export { limitReached, withinLimits } from './scaling';

/** How the pool grows: the nodes a scale-up could add and whether it may add one. */
export function buildPoolTemplate(
  pool: PoolState,
  state: ClusterState,
  catalog: MachineCatalog,
  options: { prefixDelegation?: boolean },
): PoolTemplate {
  const notes: string[] = [];
  const profile = providerProfile(pool.provider);
  const { kind, scaling } = scalingOf(pool, notes);
  const candidates =
    profile.growth.kind === 'provisioner'
      ? provisionerCandidates(
          pool,
          profile,
          profile.growth.noun,
          state,
          catalog,
          options,
          pool.nodeCount ? overheadFromNodes(pool) : undefined,
          notes,
        )
      : [nodeGroupCandidate(pool, profile, state, catalog, options, notes)];
  for (const candidate of candidates) {
    if (candidate.allocatable) {
      const free: ResourceMap = {};
      const { allocatable, overhead } = candidate;
      for (const name in allocatable) if (Object.hasOwn(allocatable, name)) free[name] = allocatable[name] - (overhead[name] ?? 0);
      free.pods = (candidate.allocatable.pods ?? 0) - candidate.overheadPods;
      candidate.free = free;
      candidate.freeVector = state.resources.vector(free);
    }
    candidate.placements.setRoom(candidate);
  }
  const noun = profile.growth.kind === 'provisioner' ? profile.growth.noun : 'pool';
  return { kind, noun, candidates, maxFreeVector: mostFree(candidates), scaling, notes };
}

function mostFree(candidates: readonly TemplateCandidate[]): Float64Array | undefined {
  if (candidates.length < 2) return undefined;
  let most: Float64Array | undefined;
  for (const { freeVector } of candidates) {
    if (!freeVector) return undefined;
    if (!most) most = Float64Array.from(freeVector);
    else for (let r = 0; r < most.length; r++) if (freeVector[r] > most[r]) most[r] = freeVector[r];
  }
  return most;
}
