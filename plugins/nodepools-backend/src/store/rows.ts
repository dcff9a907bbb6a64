import type {
  NodePool,
  OwnerStatus,
  PoolHistoryEntry,
  SourceStatusInfo,
} from '@nodepools/plugin-nodepools-common';
import type { StoredSpec } from './PoolStore';

/** The columns a pool read selects: its own row plus its source's and scope's sync state. */
export interface PoolReadRow {
  ref: string;
  spec: string;
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
  observed: string | null;
  observed_at: string | null;
  /** Whether the catalog knows the owner (`nodepools_owner_refs`); null when not looked up. */
  owner_status?: string | null;
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
}

/**
 * Why a pool's data may be old, if it may: its scope or source failed, its
 * source is no longer configured, or its scope's last complete listing is
 * older than the source allows (whatever stopped the runs, a stopped
 * scheduler included).
 */
function staleReasonOf(row: PoolReadRow, lastSeenAt: string, now: Date): string | null {
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
function ownerStatusOf(owner: string | undefined, looked: string | null | undefined): OwnerStatus {
  if (!owner) return 'none';
  return looked === 'known' || looked === 'unknown' ? looked : 'unchecked';
}

/**
 * A pool's freshness is derived from its source's and scope's sync state
 * and the clock rather than stored on each row: marking a failed cluster's
 * pools stale, or a successful resync, then costs one row instead of one
 * per pool, and data ages without anything being written.
 */
export function poolFromRow(row: PoolReadRow, now: Date): NodePool {
  const spec = JSON.parse(row.spec) as StoredSpec;
  const lastSeenAt =
    (row.scope_error ? row.scope_success_at : row.source_success_at) ??
    row.first_seen_at;
  const staleReason = staleReasonOf(row, lastSeenAt, now);
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

export function sourceFromRow(row: SourceRow): SourceStatusInfo {
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
