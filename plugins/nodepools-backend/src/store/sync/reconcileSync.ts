import type { Knex } from 'knex';
import type { SourceSync, SyncSummary } from '../PoolStore';
import { diffSync } from './diff';
import { loadExistingPools } from './load';
import {
  previousSuccess,
  recordFailedRun,
  recordListedRun,
  SourceRun,
  updateFailingScopes,
} from './scopes';
import { writeSyncPlan } from './write';

/**
 * Writes one source run into the store: load what it may touch, diff,
 * write only what changed, then the state of its scopes and of the source.
 * A pool whose fingerprint is unchanged costs no row, and the stale marks
 * of failing scopes are one row per scope, written when the failure starts
 * or changes.
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
  const run: SourceRun = {
    id: sourceId,
    kind: sync.source.kind,
    target: sync.source.target,
    last_run_at: now,
    duration_ms: Math.max(0, Date.parse(sync.finishedAt) - Date.parse(sync.startedAt)),
    stale_after_ms: sync.staleAfterMs ?? null,
    removed_at: null,
  };
  const lastSuccessAt = await previousSuccess(tx, sourceId);

  if ('error' in sync.outcome) {
    await recordFailedRun(tx, run, sync.outcome.error, lastSuccessAt);
    return summary;
  }

  const { listings } = sync.outcome;
  const existing = await loadExistingPools(tx, sourceId, listings);
  const plan = diffSync(sourceId, listings, existing);
  await writeSyncPlan(tx, plan, { sourceId, now }, summary);
  await updateFailingScopes(tx, sourceId, listings, lastSuccessAt, now);
  await recordListedRun(tx, run, listings);
  return summary;
}
