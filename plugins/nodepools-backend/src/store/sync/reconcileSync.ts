import type { Knex } from 'knex';
import type { SourceSync, SyncSummary } from '../PoolStore';
import { classifyListed, diffSync, emptyPlan, type SyncingSource } from './diff';
import { loadExistingPools, loadPools } from './load';
import { bumpListingVersion } from '../listing/listingVersion';
import { shardKey, type SyncShard } from '../shards';
import {
  listedOutcome,
  previousRun,
  recordFailedRun,
  recordListedRun,
  SourceRun,
  updateFailingScopes,
  type PreviousRun,
} from './scopes';
import { forgetOldShards, previousShardRun, recordShardRun } from './shardRuns';
import {
  insertNewPools,
  tombstoneGonePools,
  updateChangedPools,
  writeHistory,
  type SyncWrite,
} from './write';

/** A run that could not enumerate its scopes, of a whole source or of one shard. */
function recordFailedSync(
  tx: Knex.Transaction,
  run: SourceRun,
  error: string,
  before: PreviousRun | undefined,
  shard: SyncShard | undefined,
): Promise<boolean> {
  if (!shard) return recordFailedRun(tx, run, error, before);
  return recordShardRun(
    tx,
    run,
    shard,
    { status: 'error', error, issues: [], lastSuccessAt: before?.last_success_at ?? null },
    before,
  );
}

/**
 * Writes one source run into the store: load what it may touch, diff,
 * write only what changed, then the state of its scopes and of the source.
 * A pool whose fingerprint is unchanged costs no row, a pool a source of
 * higher priority holds costs none either, and the stale marks of failing
 * scopes are one row per scope, written when the failure starts or changes.
 * The listing's change counter is bumped only when something listed changed.
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
    outranked: 0,
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
    priority: sync.priority ?? 0,
    removed_at: null,
    shard_count: sync.shard?.count ?? null,
  };
  const { shard } = sync;
  const before = shard ? await previousShardRun(tx, sourceId, shard) : await previousRun(tx, sourceId);

  if ('error' in sync.outcome) {
    if (await recordFailedSync(tx, run, sync.outcome.error, before, shard)) {
      await bumpListingVersion(tx);
    }
    return summary;
  }

  const { listings } = sync.outcome;
  const source: SyncingSource = { id: sourceId, priority: run.priority, shard };
  const plan = diffSync(source, listings, await loadExistingPools(tx, sourceId, listings));
  const write: SyncWrite = { tx, sourceId, shard: shard ? shardKey(shard) : null, now, summary, history: [] };
  const lost = await insertNewPools(write, plan.inserts);
  // Inserted meanwhile by another replica: planned again against what it stored.
  const replan = emptyPlan();
  const stored = await loadPools(tx, lost.map(listed => listed.pool.ref));
  for (const listed of lost) {
    const prior = stored.get(listed.pool.ref);
    if (!prior) throw new Error(`Pool ${listed.pool.ref} was neither inserted nor found`);
    classifyListed(replan, source, listed, prior);
  }
  await updateChangedPools(write, [...plan.changed, ...replan.changed]);
  await tombstoneGonePools(write, plan.gone);
  summary.unchanged += plan.unchanged + replan.unchanged;
  summary.outranked += plan.outranked + replan.outranked;
  const scopesChanged = await updateFailingScopes(
    tx,
    sourceId,
    listings,
    before?.last_success_at ?? null,
    now,
    shard,
  );
  let sourceChanged: boolean;
  if (shard) {
    sourceChanged = await recordShardRun(tx, run, shard, { ...listedOutcome(listings), lastSuccessAt: now }, before);
  } else {
    sourceChanged = await recordListedRun(tx, run, listings, before);
    await forgetOldShards(tx, sourceId, null);
  }
  // After every row lock but the listing counter's: history order is locked to the commit.
  await writeHistory(write);
  if (summary.poolRowsWritten > 0 || scopesChanged || sourceChanged) {
    await bumpListingVersion(tx);
  }
  return summary;
}
