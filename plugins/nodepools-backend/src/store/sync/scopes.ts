import type { Knex } from 'knex';
import type { ImportIssue } from '@nodepools/plugin-nodepools-common';
import type { PreparedListing } from '../PoolStore';
import { inShard, type SyncShard } from '../shards';
import { chunks } from './chunks';

interface FailingScope {
  scope: string;
  error: string | null;
}

/**
 * The fields of a source's row that every run writes. A run means the
 * source is configured (on the replica that ran it): it is not removed.
 */
export interface SourceRun {
  id: string;
  kind: string;
  target: string;
  last_run_at: string;
  duration_ms: number;
  stale_after_ms: number | null;
  priority: number;
  removed_at: null;
  /** Shards the source's scopes are shared out between; null when it runs as one task. */
  shard_count: number | null;
}

export function failed(listing: PreparedListing): boolean {
  return !listing.complete || Boolean(listing.error);
}

/**
 * Keeps one row per failing scope. A scope that recovers loses its row; one
 * that starts failing remembers when it was last listed, which becomes its
 * pools' lastSeenAt while they are stale. Returns whether any row changed.
 */
export async function updateFailingScopes(
  tx: Knex.Transaction,
  sourceId: string,
  listings: PreparedListing[],
  lastSuccessAt: string | null,
  now: string,
  shard?: SyncShard,
): Promise<boolean> {
  let changed = false;
  // A shard speaks for its own scopes only: another shard's failing scopes stay as they are.
  const failing: FailingScope[] = (
    await tx('nodepools_scopes').where({ source: sourceId }).select('scope', 'error')
  ).filter((row: FailingScope) => inShard(row.scope, shard));
  const failingNow = new Map(failing.map(f => [f.scope, f.error]));
  const byScope = new Map(listings.map(l => [l.scope, l]));
  const recovered = failing
    .map(f => f.scope)
    .filter(scope => {
      const listing = byScope.get(scope);
      return !listing || !failed(listing);
    });
  for (const part of chunks(recovered)) {
    await tx('nodepools_scopes').where({ source: sourceId }).whereIn('scope', part).delete();
    changed = true;
  }
  for (const listing of listings) {
    if (!failed(listing)) continue;
    const error = listing.error ?? 'incomplete listing';
    if (!failingNow.has(listing.scope)) {
      // A concurrent run of the source (a manual sync on another replica) may have recorded it first.
      await tx('nodepools_scopes')
        .insert({
          source: sourceId,
          scope: listing.scope,
          error,
          failing_since: now,
          last_success_at: lastSuccessAt,
        })
        .onConflict(['source', 'scope'])
        .ignore();
      changed = true;
    } else if (failingNow.get(listing.scope) !== error) {
      await tx('nodepools_scopes')
        .where({ source: sourceId, scope: listing.scope })
        .update({ error });
      changed = true;
    }
  }
  return changed;
}

/** What a source's row said before this run, as far as listed pools depend on it. */
export interface PreviousRun {
  status: string;
  error: string | null;
  last_success_at: string | null;
  stale_after_ms: number | string | null;
  removed_at: string | null;
}

export async function previousRun(
  tx: Knex.Transaction,
  sourceId: string,
): Promise<PreviousRun | undefined> {
  return tx('nodepools_sources')
    .where({ id: sourceId })
    .first('status', 'error', 'last_success_at', 'stale_after_ms', 'removed_at');
}

/**
 * Whether a run changes how its pools are listed: their staleness follows
 * the source's status and error, its staleness window and removal, and a
 * success after the window had passed makes them fresh again. A run that
 * only moves `last_success_at` forward changes none of that.
 */
export function changesListing(
  before: PreviousRun | undefined,
  after: { status: string; error: string | null; stale_after_ms: number | null },
  now: string,
): boolean {
  if (!before) return true;
  if (
    before.status !== after.status ||
    (before.error ?? null) !== after.error ||
    before.removed_at !== null ||
    (before.stale_after_ms === null ? null : Number(before.stale_after_ms)) !== after.stale_after_ms
  ) {
    return true;
  }
  if (after.status === 'error' || before.stale_after_ms === null || !before.last_success_at) {
    return false;
  }
  return Date.parse(now) - Date.parse(before.last_success_at) > Number(before.stale_after_ms);
}

export async function countLivePools(tx: Knex.Transaction, sourceId: string) {
  const [row] = await tx('nodepools_pools')
    .where({ source: sourceId })
    .whereNull('tombstoned_at')
    .count({ n: '*' });
  return Number(row.n);
}

export async function upsertSource(
  tx: Knex.Transaction,
  row: Record<string, unknown> & { id: string },
) {
  await tx('nodepools_sources').insert(row).onConflict('id').merge();
}

/** A run that could not enumerate its scopes: the last success stays what it was. */
export async function recordFailedRun(
  tx: Knex.Transaction,
  run: SourceRun,
  error: string,
  before: PreviousRun | undefined,
): Promise<boolean> {
  const lastSuccessAt = before?.last_success_at ?? null;
  await upsertSource(tx, {
    ...run,
    status: 'error',
    last_success_at: lastSuccessAt,
    pool_count: await countLivePools(tx, run.id),
    error,
    issues: JSON.stringify([]),
  });
  return changesListing(before, { status: 'error', error, stale_after_ms: run.stale_after_ms }, run.last_run_at);
}

/** A run's status from its listings: `partial` or `error` when some or all of them failed. */
export function listedOutcome(listings: PreparedListing[]): {
  status: 'ok' | 'partial' | 'error';
  error: string | null;
  issues: ImportIssue[];
} {
  const failedListings = listings.filter(failed);
  let status: 'ok' | 'partial' | 'error' = 'ok';
  if (failedListings.length) {
    status = failedListings.length === listings.length ? 'error' : 'partial';
  }
  const error = failedListings.length
    ? failedListings.map(l => `${l.scope}: ${l.error ?? 'incomplete listing'}`).join('\n')
    : null;
  return { status, error, issues: listings.flatMap(l => l.issues ?? []) };
}

/** A run that listed its scopes. */
export async function recordListedRun(
  tx: Knex.Transaction,
  run: SourceRun,
  listings: PreparedListing[],
  before: PreviousRun | undefined,
): Promise<boolean> {
  const { status, error, issues } = listedOutcome(listings);
  await upsertSource(tx, {
    ...run,
    status,
    last_success_at: run.last_run_at,
    pool_count: await countLivePools(tx, run.id),
    error,
    issues: JSON.stringify(issues),
  });
  return changesListing(before, { status, error, stale_after_ms: run.stale_after_ms }, run.last_run_at);
}
