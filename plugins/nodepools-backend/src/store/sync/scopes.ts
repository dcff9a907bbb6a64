import type { Knex } from 'knex';
import type { ImportIssue } from '@nodepools/plugin-nodepools-common';
import type { PreparedListing } from '../PoolStore';
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
}

function failed(listing: PreparedListing): boolean {
  return !listing.complete || Boolean(listing.error);
}

/**
 * Keeps one row per failing scope. A scope that recovers loses its row; one
 * that starts failing remembers when it was last listed, which becomes its
 * pools' lastSeenAt while they are stale.
 */
export async function updateFailingScopes(
  tx: Knex.Transaction,
  sourceId: string,
  listings: PreparedListing[],
  lastSuccessAt: string | null,
  now: string,
): Promise<void> {
  const failing: FailingScope[] = await tx('nodepools_scopes')
    .where({ source: sourceId })
    .select('scope', 'error');
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
    } else if (failingNow.get(listing.scope) !== error) {
      await tx('nodepools_scopes')
        .where({ source: sourceId, scope: listing.scope })
        .update({ error });
    }
  }
}

export async function previousSuccess(
  tx: Knex.Transaction,
  sourceId: string,
): Promise<string | null> {
  const row: { last_success_at: string | null } | undefined = await tx(
    'nodepools_sources',
  )
    .where({ id: sourceId })
    .first('last_success_at');
  return row?.last_success_at ?? null;
}

async function countLivePools(tx: Knex.Transaction, sourceId: string) {
  const [row] = await tx('nodepools_pools')
    .where({ source: sourceId })
    .whereNull('tombstoned_at')
    .count({ n: '*' });
  return Number(row.n);
}

async function upsertSource(
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
  lastSuccessAt: string | null,
): Promise<void> {
  await upsertSource(tx, {
    ...run,
    status: 'error',
    last_success_at: lastSuccessAt,
    pool_count: await countLivePools(tx, run.id),
    error,
    issues: JSON.stringify([]),
  });
}

/** A run that listed its scopes: `partial` or `error` when some or all of them failed. */
export async function recordListedRun(
  tx: Knex.Transaction,
  run: SourceRun,
  listings: PreparedListing[],
): Promise<void> {
  const failedListings = listings.filter(failed);
  const issues: ImportIssue[] = listings.flatMap(l => l.issues ?? []);
  let status: 'ok' | 'partial' | 'error' = 'ok';
  if (failedListings.length) {
    status = failedListings.length === listings.length ? 'error' : 'partial';
  }
  await upsertSource(tx, {
    ...run,
    status,
    last_success_at: run.last_run_at,
    pool_count: await countLivePools(tx, run.id),
    error: failedListings.length
      ? failedListings.map(l => `${l.scope}: ${l.error ?? 'incomplete listing'}`).join('\n')
      : null,
    issues: JSON.stringify(issues),
  });
}
