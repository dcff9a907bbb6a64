import type { Knex } from 'knex';
import type { ImportIssue } from '@nodepools/plugin-nodepools-common';
import { shardKey, type SyncShard } from '../shards';
import { changesListing, countLivePools, upsertSource, type PreviousRun, type SourceRun } from './scopes';

interface ShardRow {
  shard: string;
  status: string;
  last_run_at: string | null;
  last_success_at: string | null;
  error: string | null;
  issues: string | null;
}

/** What one shard's run found: the shard's own status, as a whole source's would be. */
export interface ShardOutcome {
  status: 'ok' | 'partial' | 'error';
  error: string | null;
  issues: ImportIssue[];
  /** This run's time when it listed its scopes; the previous success when it could not. */
  lastSuccessAt: string | null;
}

/** The shard's last run, with the source-wide settings its pools' staleness also follows. */
export async function previousShardRun(
  tx: Knex.Transaction,
  sourceId: string,
  shard: SyncShard,
): Promise<PreviousRun | undefined> {
  const row: Pick<PreviousRun, 'status' | 'error' | 'last_success_at'> | undefined = await tx(
    'nodepools_source_shards',
  )
    .where({ source: sourceId, shard: shardKey(shard) })
    .first('status', 'error', 'last_success_at');
  if (!row) return undefined;
  const source: Pick<PreviousRun, 'stale_after_ms' | 'removed_at'> | undefined = await tx('nodepools_sources')
    .where({ id: sourceId })
    .first('stale_after_ms', 'removed_at');
  return { ...row, stale_after_ms: source?.stale_after_ms ?? null, removed_at: source?.removed_at ?? null };
}

/**
 * Forgets the shards of an earlier shard count (or of a source no longer
 * sharded) once no pool is listed under them any more: until then they
 * are what those pools' freshness says.
 */
export async function forgetOldShards(
  tx: Knex.Transaction,
  sourceId: string,
  count: number | null,
): Promise<void> {
  const query = tx('nodepools_source_shards as sh').where('sh.source', sourceId);
  if (count !== null) query.whereNot('sh.shard_count', count);
  await query
    .whereNotExists(
      tx('nodepools_pools as p').whereRaw('p.source = sh.source').whereRaw('p.shard = sh.shard').select(tx.raw('1')),
    )
    .delete();
}

/**
 * The source's row as the roll-up of its shards (of the current count):
 * `ok` when every shard's last run was, `error` when every one failed,
 * `partial` otherwise (a shard that has not run yet included); the oldest
 * last success; every shard's error and issues.
 */
function rollUp(run: SourceRun, count: number, shards: ShardRow[]) {
  const statuses = shards.map(s => s.status);
  while (statuses.length < count) statuses.push('never');
  let status = 'partial';
  if (statuses.every(s => s === 'ok')) status = 'ok';
  else if (statuses.every(s => s === 'error')) status = 'error';
  const successes = shards.map(s => s.last_success_at).filter((at): at is string => Boolean(at)).sort();
  const errors = shards.filter(s => s.error).map(s => `shard ${s.shard}: ${s.error}`);
  const issues = shards.flatMap(s => (s.issues ? (JSON.parse(s.issues) as ImportIssue[]) : []));
  return {
    ...run,
    status,
    last_success_at: successes[0] ?? null,
    error: errors.length ? errors.join('\n') : null,
    issues: JSON.stringify(issues),
  };
}

/**
 * Records one shard's run on its row and rolls the source's row up from
 * its shards. Returns whether the run changes how the shard's pools are
 * listed (their staleness follows the shard's row).
 */
export async function recordShardRun(
  tx: Knex.Transaction,
  run: SourceRun,
  shard: SyncShard,
  outcome: ShardOutcome,
  before: PreviousRun | undefined,
): Promise<boolean> {
  const key = shardKey(shard);
  await tx('nodepools_source_shards')
    .insert({
      source: run.id,
      shard: key,
      shard_count: shard.count,
      status: outcome.status,
      last_run_at: run.last_run_at,
      last_success_at: outcome.lastSuccessAt,
      duration_ms: run.duration_ms,
      error: outcome.error,
      issues: JSON.stringify(outcome.issues),
    })
    .onConflict(['source', 'shard'])
    .merge();
  await forgetOldShards(tx, run.id, shard.count);
  const shards: ShardRow[] = await tx('nodepools_source_shards')
    .where({ source: run.id, shard_count: shard.count })
    .orderBy('shard')
    .select('shard', 'status', 'last_run_at', 'last_success_at', 'error', 'issues');
  await upsertSource(tx, {
    ...rollUp(run, shard.count, shards),
    pool_count: await countLivePools(tx, run.id),
  });
  return changesListing(
    before,
    { status: outcome.status, error: outcome.error, stale_after_ms: run.stale_after_ms },
    run.last_run_at,
  );
}
