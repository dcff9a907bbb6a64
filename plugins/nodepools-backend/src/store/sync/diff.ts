import type { PreparedListing, PreparedPool } from '../PoolStore';
import type { ExistingPool } from './load';

export interface ListedPool {
  pool: PreparedPool;
  scope: string;
}

/** What a sync has to write, decided before anything is written. */
export interface SyncPlan {
  /** Pools the store has never held. */
  inserts: ListedPool[];
  /** Pools whose content, scope or source moved, or that come back from a tombstone. */
  changed: Array<ListedPool & { prior: ExistingPool }>;
  unchanged: number;
  /** Pools of the source that a listing entitled to say so no longer has. */
  gone: ExistingPool[];
}

/**
 * Compares a source's listings with what the store holds. A pool is gone
 * only when the complete listing of its scope lacks it, or when a
 * successful enumeration of the source no longer returns its scope.
 */
export function diffSync(
  sourceId: string,
  listings: PreparedListing[],
  existing: Map<string, ExistingPool>,
): SyncPlan {
  const plan: SyncPlan = { inserts: [], changed: [], unchanged: 0, gone: [] };
  const seen = new Set<string>();
  for (const listing of listings) {
    for (const pool of listing.pools) {
      if (seen.has(pool.ref)) continue; // the first record of a duplicated pool wins
      seen.add(pool.ref);
      const prior = existing.get(pool.ref);
      if (!prior) {
        plan.inserts.push({ pool, scope: listing.scope });
      } else if (
        prior.fingerprint === pool.fingerprint &&
        !prior.tombstoned_at &&
        prior.source === sourceId &&
        prior.scope === listing.scope
      ) {
        plan.unchanged++;
      } else {
        plan.changed.push({ pool, scope: listing.scope, prior });
      }
    }
  }

  const listedScopes = new Set(listings.map(l => l.scope));
  const completeScopes = new Set(
    listings.filter(l => l.complete && !l.error).map(l => l.scope),
  );
  for (const row of existing.values()) {
    if (
      row.source === sourceId &&
      !row.tombstoned_at &&
      !seen.has(row.ref) &&
      (completeScopes.has(row.scope) || !listedScopes.has(row.scope))
    ) {
      plan.gone.push(row);
    }
  }
  return plan;
}
