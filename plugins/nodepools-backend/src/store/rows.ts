import type {
  NodePool,
  OwnerStatus,
  PoolHistoryEntry,
  SourceShardInfo,
  SourceStatusInfo,
} from '@nodepools/plugin-nodepools-common';
import type { StoredSpec } from './PoolStore';

/** What a pool's freshness is derived from: its own row, its source's and its scope's sync state. */
export interface SyncStateRow {
  ref: string;
  source: string;
  first_seen_at: string;
  tombstoned_at: string | null;
  source_status: string | null;
  source_error: string | null;
  source_success_at: string | null;
  scope_error: string | null;
  scope_success_at: string | null;
  source_removed_at: string | null;
  source_stale_after_ms: number | string | null;
  pool_owner: string | null;
  /** Whether the catalog knows the owner (`nodepools_owner_refs`); null when not looked up. */
  owner_status: string | null;
}

/** The columns a pool read selects: its sync state, its spec and its observed nodes. */
export interface PoolReadRow extends SyncStateRow {
  spec: string;
  observed: string | null;
  observed_at: string | null;
  raw?: string | null;
}

export interface HistoryRow {
  id: number | string;
  ref: string;
  event: PoolHistoryEntry['event'];
  source: string;
  at: string;
  changes: string;
}

/** A shard's row (`nodepools_source_shards`). */
export interface ShardRow {
  source: string;
  shard: string;
  status: SourceShardInfo['status'];
  last_run_at: string | null;
  last_success_at: string | null;
  duration_ms: number | null;
  error: string | null;
}

export interface SourceRow {
  id: string;
  kind: string;
  target: string;
  status: SourceStatusInfo['status'];
  last_run_at: string | null;
  last_success_at: string | null;
  duration_ms: number | null;
  pool_count: number;
  error: string | null;
  issues: string | null;
  removed_at: string | null;
  shard_count: number | null;
}

/**
 * Why a pool's data may be old, if it may: its scope or source failed, its
 * source is no longer configured, or its scope's last complete listing is
 * older than the source allows (whatever stopped the runs, a stopped
 * scheduler included).
 */
function staleReasonOf(row: SyncStateRow, lastSeenAt: string, now: Date): string | null {
  if (row.scope_error) return row.scope_error;
  if (row.source_status === 'error' && row.source_error) return row.source_error;
  if (row.source_removed_at) return `source '${row.source}' is no longer configured`;
  if (row.source_stale_after_ms !== null && row.source_stale_after_ms !== undefined) {
    const age = now.getTime() - Date.parse(lastSeenAt);
    if (age > Number(row.source_stale_after_ms)) return `not refreshed since ${lastSeenAt}`;
  }
  return null;
}

/** Whether the catalog knows a pool's owner, as last looked up. */
export function ownerStatusOf(
  owner: string | null | undefined,
  looked: string | null | undefined,
): OwnerStatus {
  if (!owner) return 'none';
  return looked === 'known' || looked === 'unknown' ? looked : 'unchecked';
}

/** When a pool was last listed in full, and why it is stale (null when it is not). */
export interface Freshness {
  lastSeenAt: string;
  staleReason: string | null;
}

/**
 * A pool's freshness is derived from its source's and scope's sync state
 * and the clock rather than stored on each row: marking a failed cluster's
 * pools stale, or a successful resync, then costs one row instead of one
 * per pool, and data ages without anything being written.
 */
export function freshnessOf(row: SyncStateRow, now: Date): Freshness {
  const lastSeenAt =
    (row.scope_error ? row.scope_success_at : row.source_success_at) ??
    row.first_seen_at;
  return { lastSeenAt, staleReason: staleReasonOf(row, lastSeenAt, now) };
}

export function poolFromRow(row: PoolReadRow, now: Date): NodePool {
  const spec = JSON.parse(row.spec) as StoredSpec;
  const { lastSeenAt, staleReason } = freshnessOf(row, now);
  const pool: NodePool = {
    ...spec,
    ref: row.ref,
    source: row.source,
    firstSeenAt: row.first_seen_at,
    lastSeenAt,
    stale: staleReason !== null,
  };
  if (staleReason !== null) pool.staleReason = staleReason;
  pool.ownerStatus = ownerStatusOf(spec.owner, row.owner_status);
  if (row.observed) {
    const observed = JSON.parse(row.observed);
    pool.observed = { ...observed, observedAt: row.observed_at ?? observed.observedAt };
  }
  if (row.tombstoned_at) pool.tombstonedAt = row.tombstoned_at;
  return pool;
}

export function historyFromRow(row: HistoryRow): PoolHistoryEntry {
  return {
    id: Number(row.id),
    ref: row.ref,
    event: row.event,
    source: row.source,
    at: row.at,
    changes: JSON.parse(row.changes),
  };
}

export function shardFromRow(row: ShardRow): SourceShardInfo {
  const info: SourceShardInfo = { shard: row.shard, status: row.status };
  if (row.last_run_at) info.lastRunAt = row.last_run_at;
  if (row.last_success_at) info.lastSuccessAt = row.last_success_at;
  if (row.duration_ms !== null) info.durationMs = Number(row.duration_ms);
  if (row.error) info.error = row.error;
  return info;
}

/** A source's row, with the rows of its current shards when it is sharded. */
export function sourceFromRow(row: SourceRow, shards: ShardRow[] = []): SourceStatusInfo {
  const info: SourceStatusInfo = {
    id: row.id,
    kind: row.kind,
    target: row.target,
    status: row.removed_at ? 'removed' : row.status,
    poolCount: Number(row.pool_count),
    issues: row.issues ? JSON.parse(row.issues) : [],
  };
  if (row.last_run_at) info.lastRunAt = row.last_run_at;
  if (row.last_success_at) info.lastSuccessAt = row.last_success_at;
  if (row.duration_ms !== null) info.durationMs = Number(row.duration_ms);
  if (row.error) info.error = row.error;
  if (row.removed_at) info.removedAt = row.removed_at;
  if (row.shard_count) {
    const known = new Map(shards.map(shard => [shard.shard, shard]));
    // A shard that has not run yet is listed too, as never run.
    info.shards = Array.from({ length: Number(row.shard_count) }, (_, i) => {
      const key = `${i + 1}/${row.shard_count}`;
      const shard = known.get(key);
      return shard ? shardFromRow(shard) : { shard: key, status: 'never' as const };
    });
  }
  return info;
}

/** Lower-cased text that free-text search matches. */
export function searchText(spec: StoredSpec): string {
  return [
    spec.name,
    spec.cluster,
    spec.provider,
    spec.region,
    spec.account,
    spec.owner,
    spec.mode,
    spec.capacityType,
    spec.os,
    spec.arch,
    ...spec.machineTypes,
    ...spec.zones,
    ...Object.entries(spec.labels).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(spec.tags).map(([k, v]) => `${k}=${v}`),
  ]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US');
}
