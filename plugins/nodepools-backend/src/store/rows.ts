import type {
  NodePool,
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
}

/**
 * A pool's freshness is derived from its source's and scope's sync state
 * rather than stored on each row: marking a failed cluster's pools stale, or
 * a successful resync, then costs one row instead of one per pool.
 */
export function poolFromRow(row: PoolReadRow): NodePool {
  const spec = JSON.parse(row.spec) as StoredSpec;
  const staleReason =
    row.scope_error ?? (row.source_status === 'error' ? row.source_error : null);
  const lastSeenAt =
    (row.scope_error ? row.scope_success_at : row.source_success_at) ??
    row.first_seen_at;
  const pool: NodePool = {
    ...spec,
    ref: row.ref,
    source: row.source,
    firstSeenAt: row.first_seen_at,
    lastSeenAt,
    stale: staleReason !== null,
  };
  if (staleReason !== null) pool.staleReason = staleReason;
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
    status: row.status,
    poolCount: Number(row.pool_count),
    issues: row.issues ? JSON.parse(row.issues) : [],
  };
  if (row.last_run_at) info.lastRunAt = row.last_run_at;
  if (row.last_success_at) info.lastSuccessAt = row.last_success_at;
  if (row.duration_ms !== null) info.durationMs = Number(row.duration_ms);
  if (row.error) info.error = row.error;
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
