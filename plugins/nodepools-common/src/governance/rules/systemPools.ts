import type { NodePool } from '../../model/pool';
import { providerProfile } from '../../providers/registry';

/**
 * Providers whose pools have a mode of their own (a node label tells it:
 * AKS). Elsewhere `system` is read from a CriticalAddonsOnly taint, and a
 * cluster needs no pool marked so.
 */
export function modeIsMeaningful(provider: string): boolean {
  return providerProfile(provider).nodeLabels.mode !== undefined;
}

/**
 * The fewest nodes a pool keeps: the count of a fixed-size pool (the
 * provider's, else the observed), the autoscaler's minimum otherwise. A
 * provisioner (Karpenter) has no minimum: its observed node count counts.
 */
export function fewestNodes(pool: NodePool): number | undefined {
  if (providerProfile(pool.provider).growth.kind === 'provisioner') return pool.observed?.nodeCount;
  if (!pool.autoscaling.enabled) return pool.nodeCount ?? pool.observed?.nodeCount;
  return pool.autoscaling.min ?? 0;
}

/** The zones of a pool: its declared ones, else those of its observed nodes. */
export function poolZones(pool: NodePool): string[] {
  return pool.zones.length > 0 ? pool.zones : pool.observed?.zones ?? [];
}
