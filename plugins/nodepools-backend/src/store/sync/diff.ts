import type { PreparedListing, PreparedPool } from '../PoolStore';
import { inShard, shardKey, type SyncShard } from '../shards';
import type { ExistingPool } from './load';

export interface ListedPool {
  pool: PreparedPool;
  scope: string;
}

/** The source a sync writes for, and the shard of its scopes it listed, if sharded. */
export interface SyncingSource {
  id: string;
  priority: number;
  shard?: SyncShard;
}

/** What a sync has to write, decided before anything is written. */
export interface SyncPlan {
  /** Pools the store has never held. */
  inserts: ListedPool[];
  /** Pools whose content, scope or source moved, or that come back from a tombstone. */
  changed: Array<ListedPool & { prior: ExistingPool }>;
  unchanged: number;
  /** Live pools another source of at least this priority holds: this copy is not written. */
  outranked: number;
  /** Pools of the source that a listing entitled to say so no longer has. */
  gone: ExistingPool[];
}

export function emptyPlan(): SyncPlan {
  return { inserts: [], changed: [], unchanged: 0, outranked: 0, gone: [] };
}

/**
 * Where a listed pool the store already holds goes in the plan. Another
 * source's live pool is taken over only by a source of strictly higher
 * priority: with equal priorities the holder keeps it, so two sources of
 * one pool never take it from each other on every run.
 */
export function classifyListed(
  plan: SyncPlan,
  source: SyncingSource,
  listed: ListedPool,
  prior: ExistingPool,
): void {
  const held = prior.source !== source.id && !prior.tombstoned_at;
  if (held && (prior.source_priority ?? 0) >= source.priority) {
    plan.outranked++;
  } else if (
    prior.fingerprint === listed.pool.fingerprint &&
    !prior.tombstoned_at &&
    prior.source === source.id &&
    prior.scope === listed.scope &&
    // A pool listed by another shard than before (the shard count changed) moves to it.
    prior.shard === (source.shard ? shardKey(source.shard) : null)
  ) {
    plan.unchanged++;
  } else {
    plan.changed.push({ ...listed, prior });
  }
}

/**
 * Compares a source's listings with what the store holds. A pool is gone
 * only when the complete listing of its scope lacks it, or when a
 * successful enumeration of the source no longer returns its scope. A
 * shard's enumeration speaks only for the scopes of that shard: scopes
 * of other shards are neither listed by it nor gone.
 */
export function diffSync(
  source: SyncingSource,
  listings: PreparedListing[],
  existing: Map<string, ExistingPool>,
): SyncPlan {
  const plan = emptyPlan();
  const seen = new Set<string>();
  for (const listing of listings) {
    for (const pool of listing.pools) {
      if (seen.has(pool.ref)) continue; // the first record of a duplicated pool wins
      seen.add(pool.ref);
      const prior = existing.get(pool.ref);
      const listed = { pool, scope: listing.scope };
      if (prior) classifyListed(plan, source, listed, prior);
      else plan.inserts.push(listed);
    }
  }

  const listedScopes = new Set(listings.map(l => l.scope));
  const completeScopes = new Set(
    listings.filter(l => l.complete && !l.error).map(l => l.scope),
  );
  for (const row of existing.values()) {
    if (
      row.source === source.id &&
      !row.tombstoned_at &&
      !seen.has(row.ref) &&
      (completeScopes.has(row.scope) ||
        (!listedScopes.has(row.scope) && inShard(row.scope, source.shard)))
    ) {
      plan.gone.push(row);
    }
  }
  return plan;
}
