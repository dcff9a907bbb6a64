import type { NodePool } from '@nodepools/plugin-nodepools-common';
import type { PreparedPool } from '../store/PoolStore';

/** The API shape of a pool that was just read, before any store bookkeeping. */
export function toNodePool(
  pool: PreparedPool,
  options: { source: string; seenAt: string },
): NodePool {
  return {
    ...pool.spec,
    ref: pool.ref,
    source: options.source,
    firstSeenAt: options.seenAt,
    lastSeenAt: options.seenAt,
    stale: false,
  };
}
