import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { DesiredScopeStatus } from '@nodepools/plugin-nodepools-common';
import type { DesiredStateListing } from '@nodepools/plugin-nodepools-node';
import type { DesiredSync, DesiredSyncSummary, StoredDesiredScope } from '../DriftStore';
import { stableJson } from '../stableJson';
import { chunks } from '../sync/chunks';

interface ScopeRow {
  source: string;
  scope: string;
  location: string;
  version: string | null;
  fingerprint: string;
  pool_count: number;
  pools: string;
  clusters: string;
  notes: string;
  read_at: string | null;
  error: string | null;
  failing_since: string | null;
}

/** A declaration's hash: the same pools, clusters and notes read again write nothing. */
function fingerprintOf(listing: DesiredStateListing): string {
  return createHash('sha256')
    .update(stableJson({ location: listing.location, pools: listing.pools, clusters: listing.clusters ?? [], notes: listing.notes ?? [] }))
    .digest('hex');
}

/** Why a listing failed, as one line for the drift page. */
function failureOf(listing: DesiredStateListing): string {
  return listing.error ?? `${listing.location}: the read was incomplete`;
}

async function writeSourceRow(tx: Knex.Transaction, sync: DesiredSync): Promise<void> {
  const failed = 'error' in sync.outcome ? sync.outcome.error : null;
  const row: Record<string, unknown> = {
    id: sync.source.id,
    kind: sync.source.kind,
    target: sync.source.target,
    last_run_at: sync.finishedAt,
    error: failed,
  };
  if (!failed) row.last_success_at = sync.finishedAt;
  await tx('nodepools_desired_sources').insert(row).onConflict('id').merge();
}

/** One listing against its stored row: the write it needs, if any. */
async function applyListing(
  tx: Knex.Transaction,
  sourceId: string,
  listing: DesiredStateListing,
  stored: ScopeRow | undefined,
  at: string,
): Promise<{ written: boolean; changed: boolean }> {
  const key = { source: sourceId, scope: listing.scope };
  if (listing.complete && listing.unchanged) {
    // The version of the last complete read again: only a failure since then is cleared.
    if (!stored?.error) return { written: false, changed: false };
    await tx('nodepools_desired_scopes').where(key).update({ error: null, failing_since: null });
    return { written: true, changed: true };
  }
  if (listing.complete) {
    const fingerprint = fingerprintOf(listing);
    if (stored && stored.fingerprint === fingerprint && !stored.error && stored.version === (listing.version ?? null)) {
      return { written: false, changed: false };
    }
    const row = {
      ...key,
      location: listing.location,
      version: listing.version ?? null,
      fingerprint,
      pool_count: listing.pools.length,
      pools: JSON.stringify(listing.pools),
      clusters: JSON.stringify(listing.clusters ?? []),
      notes: JSON.stringify(listing.notes ?? []),
      read_at: at,
      error: null,
      failing_since: null,
    };
    await tx('nodepools_desired_scopes').insert(row).onConflict(['source', 'scope']).merge();
    return { written: true, changed: !stored || stored.fingerprint !== fingerprint || Boolean(stored.error) };
  }
  const error = failureOf(listing);
  if (!stored) {
    // Never read in full: recorded with no pools, so the failure shows.
    await tx('nodepools_desired_scopes').insert({
      ...key,
      location: listing.location,
      version: null,
      fingerprint: '',
      pool_count: 0,
      pools: '[]',
      clusters: '[]',
      notes: '[]',
      read_at: null,
      error,
      failing_since: at,
    });
    return { written: true, changed: false };
  }
  if (stored.error === error) return { written: false, changed: false };
  await tx('nodepools_desired_scopes').where(key).update({ error, failing_since: stored.failing_since ?? at });
  // The declaration stays; its findings turn stale, which reads derive.
  return { written: true, changed: !stored.error };
}

/**
 * Stores one run of a desired-state source in one transaction: its status
 * row, each scope that changed, and (after a complete enumeration) the
 * removal of scopes it no longer lists. A failed run or scope keeps the
 * last complete declaration.
 */
export async function applyDesiredSync(tx: Knex.Transaction, sync: DesiredSync): Promise<DesiredSyncSummary> {
  await writeSourceRow(tx, sync);
  let rowsWritten = 1;
  let changed = false;
  if ('error' in sync.outcome) return { changed: true, rowsWritten };
  const rows: ScopeRow[] = await tx('nodepools_desired_scopes').where({ source: sync.source.id });
  const stored = new Map(rows.map(r => [r.scope, r]));
  for (const listing of sync.outcome.listings) {
    const result = await applyListing(tx, sync.source.id, listing, stored.get(listing.scope), sync.finishedAt);
    if (result.written) rowsWritten++;
    changed ||= result.changed;
  }
  const listed = new Set(sync.outcome.listings.map(l => l.scope));
  const gone = rows.filter(r => !listed.has(r.scope)).map(r => r.scope);
  for (const scopes of chunks(gone)) {
    rowsWritten += await tx('nodepools_desired_scopes').where({ source: sync.source.id }).whereIn('scope', scopes).delete();
    changed = true;
  }
  return { changed, rowsWritten };
}

export async function desiredVersions(db: Knex, sourceId: string): Promise<Map<string, string>> {
  const rows: Array<Pick<ScopeRow, 'scope' | 'version'>> = await db('nodepools_desired_scopes')
    .where({ source: sourceId })
    .whereNotNull('version')
    .select('scope', 'version');
  return new Map(rows.map(r => [r.scope, r.version!]));
}

export async function forgetDesiredSources(db: Knex, configuredIds: string[]): Promise<number> {
  return db.transaction(async tx => {
    const scopes = await tx('nodepools_desired_scopes').whereNotIn('source', configuredIds).delete();
    await tx('nodepools_desired_sources').whereNotIn('id', configuredIds).delete();
    return scopes;
  });
}

export async function loadDesired(db: Knex): Promise<StoredDesiredScope[]> {
  const rows: Array<ScopeRow & { source_error: string | null }> = await db('nodepools_desired_scopes as d')
    .leftJoin('nodepools_desired_sources as s', 's.id', 'd.source')
    .select('d.source', 'd.scope', 'd.location', 'd.pools', 'd.clusters', 'd.notes', 'd.error', 's.error as source_error')
    .orderBy(['d.source', 'd.scope']);
  return rows.map(row => {
    const error = row.error ?? row.source_error;
    return {
      source: row.source,
      scope: row.scope,
      location: row.location,
      pools: JSON.parse(row.pools),
      clusters: JSON.parse(row.clusters),
      notes: JSON.parse(row.notes),
      ...(error ? { error } : {}),
    };
  });
}

export async function listDesiredScopes(db: Knex): Promise<DesiredScopeStatus[]> {
  const rows: Array<Pick<ScopeRow, 'source' | 'scope' | 'location' | 'pool_count' | 'read_at' | 'error'> & { source_error: string | null }> =
    await db('nodepools_desired_scopes as d')
      .leftJoin('nodepools_desired_sources as s', 's.id', 'd.source')
      .select('d.source', 'd.scope', 'd.location', 'd.pool_count', 'd.read_at', 'd.error', 's.error as source_error')
      .orderBy(['d.source', 'd.scope']);
  return rows.map(row => {
    const error = row.error ?? row.source_error;
    return {
      source: row.source,
      scope: row.scope,
      location: row.location,
      pools: Number(row.pool_count),
      ...(row.read_at ? { readAt: row.read_at } : {}),
      ...(error ? { error } : {}),
    };
  });
}
