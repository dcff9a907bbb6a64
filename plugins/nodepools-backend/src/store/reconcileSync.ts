import type { Knex } from 'knex';
import type { ImportIssue } from '@nodepools/plugin-nodepools-common';
import { fieldChanges } from '../inventory/fieldChanges';
import type {
  HistoryRecord,
  PreparedListing,
  PreparedPool,
  SourceSync,
  SyncSummary,
} from './PoolStore';
import { searchText } from './rows';

/** Rows per statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

interface ExistingPool {
  ref: string;
  source: string;
  scope: string;
  fingerprint: string;
  tombstoned_at: string | null;
}

interface FailingScope {
  scope: string;
  error: string | null;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function poolColumns(pool: PreparedPool, sourceId: string, scope: string) {
  const { spec } = pool;
  return {
    provider: spec.provider,
    account: spec.account ?? null,
    region: spec.region ?? null,
    cluster: spec.cluster,
    name: spec.name,
    mode: spec.mode,
    capacity_type: spec.capacityType,
    node_count: spec.nodeCount ?? null,
    owner: spec.owner ?? null,
    owner_source: spec.ownerSource ?? null,
    source: sourceId,
    scope,
    search: searchText(spec),
    fingerprint: pool.fingerprint,
  };
}

function documentColumns(pool: PreparedPool) {
  return {
    spec: JSON.stringify(pool.spec),
    raw: pool.raw === undefined ? null : JSON.stringify(pool.raw),
  };
}

/**
 * Writes one source run into the store. Only what changed is written: a pool
 * whose fingerprint is unchanged costs no row, and the stale marks of failing
 * scopes are one row per scope, written when the failure starts or changes.
 * Pools are tombstoned only from scopes whose listing was complete, or from
 * scopes that a successful enumeration of the source no longer returns.
 */
export async function reconcileSync(
  tx: Knex.Transaction,
  sync: SourceSync,
): Promise<SyncSummary> {
  const summary: SyncSummary = {
    created: 0,
    updated: 0,
    revived: 0,
    tombstoned: 0,
    unchanged: 0,
    poolRowsWritten: 0,
  };
  const sourceId = sync.source.id;
  const now = sync.finishedAt;
  const durationMs = Math.max(
    0,
    Date.parse(sync.finishedAt) - Date.parse(sync.startedAt),
  );
  const previous: { last_success_at: string | null } | undefined = await tx(
    'nodepools_sources',
  )
    .where({ id: sourceId })
    .first('last_success_at');
  const sourceRow = {
    id: sourceId,
    kind: sync.source.kind,
    target: sync.source.target,
    last_run_at: now,
    duration_ms: durationMs,
  };

  if ('error' in sync.outcome) {
    const liveCount = await countLivePools(tx, sourceId);
    await upsertSource(tx, {
      ...sourceRow,
      status: 'error',
      last_success_at: previous?.last_success_at ?? null,
      pool_count: liveCount,
      error: sync.outcome.error,
      issues: JSON.stringify([]),
    });
    return summary;
  }

  const listings = sync.outcome.listings;
  const existingRows: ExistingPool[] = await tx('nodepools_pools')
    .where({ source: sourceId })
    .select('ref', 'source', 'scope', 'fingerprint', 'tombstoned_at');
  const existing = new Map(existingRows.map(r => [r.ref, r]));
  // A pool may move here from another source (a file replaced by a live cloud read).
  const foreignRefs = listings
    .flatMap(l => l.pools.map(p => p.ref))
    .filter(ref => !existing.has(ref));
  for (const part of chunks(foreignRefs)) {
    const rows: ExistingPool[] = await tx('nodepools_pools')
      .whereIn('ref', part)
      .select('ref', 'source', 'scope', 'fingerprint', 'tombstoned_at');
    for (const row of rows) existing.set(row.ref, row);
  }

  const history: HistoryRecord[] = [];
  const inserts: Array<Record<string, unknown>> = [];
  const documents: Array<Record<string, unknown>> = [];
  const changed: Array<{ pool: PreparedPool; scope: string; prior: ExistingPool }> = [];
  const seen = new Set<string>();

  for (const listing of listings) {
    for (const pool of listing.pools) {
      if (seen.has(pool.ref)) continue; // the first record of a duplicated pool wins
      seen.add(pool.ref);
      const prior = existing.get(pool.ref);
      if (!prior) {
        inserts.push({
          ref: pool.ref,
          ...poolColumns(pool, sourceId, listing.scope),
          first_seen_at: now,
          changed_at: now,
          tombstoned_at: null,
        });
        documents.push({ ref: pool.ref, ...documentColumns(pool) });
        history.push({ ref: pool.ref, event: 'created', changes: [] });
        summary.created++;
      } else if (
        prior.fingerprint === pool.fingerprint &&
        !prior.tombstoned_at &&
        prior.source === sourceId &&
        prior.scope === listing.scope
      ) {
        summary.unchanged++;
      } else {
        changed.push({ pool, scope: listing.scope, prior });
      }
    }
  }

  for (const part of chunks(inserts)) {
    await tx('nodepools_pools').insert(part);
  }
  for (const part of chunks(documents)) {
    await tx('nodepools_pool_documents').insert(part);
  }
  summary.poolRowsWritten += inserts.length + documents.length;

  for (const part of chunks(changed)) {
    const oldSpecs = new Map<string, string>(
      (
        await tx('nodepools_pool_documents')
          .whereIn(
            'ref',
            part.map(c => c.pool.ref),
          )
          .select('ref', 'spec')
      ).map((r: { ref: string; spec: string }) => [r.ref, r.spec]),
    );
    for (const { pool, scope, prior } of part) {
      const changes = fieldChanges(
        JSON.parse(oldSpecs.get(pool.ref) ?? '{}'),
        pool.spec,
      );
      await tx('nodepools_pools')
        .where({ ref: pool.ref })
        .update({
          ...poolColumns(pool, sourceId, scope),
          changed_at: now,
          tombstoned_at: null,
        });
      await tx('nodepools_pool_documents')
        .where({ ref: pool.ref })
        .update(documentColumns(pool));
      summary.poolRowsWritten += 2;
      if (prior.tombstoned_at) {
        history.push({ ref: pool.ref, event: 'revived', changes });
        summary.revived++;
      } else if (changes.length > 0 || prior.source !== sourceId) {
        history.push({ ref: pool.ref, event: 'updated', changes });
        summary.updated++;
      } else {
        // Only the provider's raw record moved (timestamps, health): kept, not history.
        summary.unchanged++;
      }
    }
  }

  const listedScopes = new Set(listings.map(l => l.scope));
  const completeScopes = new Set(
    listings.filter(l => l.complete && !l.error).map(l => l.scope),
  );
  const gone = existingRows.filter(
    row =>
      row.source === sourceId &&
      !row.tombstoned_at &&
      !seen.has(row.ref) &&
      (completeScopes.has(row.scope) || !listedScopes.has(row.scope)),
  );
  for (const part of chunks(gone.map(r => r.ref))) {
    await tx('nodepools_pools')
      .whereIn('ref', part)
      .update({ tombstoned_at: now, changed_at: now });
  }
  for (const row of gone) {
    history.push({ ref: row.ref, event: 'tombstoned', changes: [] });
  }
  summary.tombstoned += gone.length;
  summary.poolRowsWritten += gone.length;

  for (const part of chunks(history)) {
    await tx('nodepools_history').insert(
      part.map(h => ({
        ref: h.ref,
        event: h.event,
        source: sourceId,
        at: now,
        changes: JSON.stringify(h.changes),
      })),
    );
  }
  summary.poolRowsWritten += history.length;

  await updateFailingScopes(tx, sourceId, listings, previous?.last_success_at ?? null, now);

  const failed = listings.filter(l => !l.complete || l.error);
  const issues: ImportIssue[] = listings.flatMap(l => l.issues ?? []);
  await upsertSource(tx, {
    ...sourceRow,
    status: sourceStatus(failed.length, listings.length),
    last_success_at: now,
    pool_count: await countLivePools(tx, sourceId),
    error: failed.length
      ? failed.map(l => `${l.scope}: ${l.error ?? 'incomplete listing'}`).join('\n')
      : null,
    issues: JSON.stringify(issues),
  });
  return summary;
}

/**
 * Keeps one row per failing scope. A scope that recovers loses its row; one
 * that starts failing remembers when it was last listed, which becomes its
 * pools' lastSeenAt while they are stale.
 */
async function updateFailingScopes(
  tx: Knex.Transaction,
  sourceId: string,
  listings: PreparedListing[],
  lastSuccessAt: string | null,
  now: string,
) {
  const failing: FailingScope[] = await tx('nodepools_scopes')
    .where({ source: sourceId })
    .select('scope', 'error');
  const failingNow = new Map(failing.map(f => [f.scope, f.error]));
  const listed = new Set(listings.map(l => l.scope));
  const recovered = failing
    .map(f => f.scope)
    .filter(scope => {
      const listing = listings.find(l => l.scope === scope);
      return !listed.has(scope) || (listing?.complete && !listing.error);
    });
  for (const part of chunks(recovered)) {
    await tx('nodepools_scopes').where({ source: sourceId }).whereIn('scope', part).delete();
  }
  for (const listing of listings) {
    if (listing.complete && !listing.error) continue;
    const error = listing.error ?? 'incomplete listing';
    if (!failingNow.has(listing.scope)) {
      await tx('nodepools_scopes').insert({
        source: sourceId,
        scope: listing.scope,
        error,
        failing_since: now,
        last_success_at: lastSuccessAt,
      });
    } else if (failingNow.get(listing.scope) !== error) {
      await tx('nodepools_scopes')
        .where({ source: sourceId, scope: listing.scope })
        .update({ error });
    }
  }
}

function sourceStatus(failedScopes: number, scopes: number): 'ok' | 'partial' | 'error' {
  if (failedScopes === 0) return 'ok';
  return failedScopes === scopes ? 'error' : 'partial';
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
