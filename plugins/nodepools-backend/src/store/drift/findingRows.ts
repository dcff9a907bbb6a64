import type { Knex } from 'knex';
import type {
  DriftFinding,
  DriftFindingRecord,
  DriftState,
} from '@nodepools/plugin-nodepools-common';

/** The columns a finding read selects: its row plus the sync state of its inputs. */
export const FINDING_READ_COLUMNS = [
  'f.id',
  'f.ref',
  'f.cluster_ref',
  'f.owner',
  'f.finding',
  'f.first_seen_at',
  'f.last_seen_at',
  'f.resolved_at',
  'f.acknowledged_by',
  'f.acknowledged_at',
  'f.acknowledged_reason',
  'f.acknowledged_until',
  'ps.status as pool_source_status',
  'ps.error as pool_source_error',
  'ps.last_success_at as pool_source_success_at',
  'psc.error as pool_scope_error',
  'psc.last_success_at as pool_scope_success_at',
  'ds.error as desired_source_error',
  'ds.last_success_at as desired_source_success_at',
  'dsc.error as desired_scope_error',
  'dsc.read_at as desired_scope_read_at',
];

export interface FindingReadRow {
  id: string;
  ref: string;
  cluster_ref: string;
  owner: string | null;
  finding: string;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledged_reason: string | null;
  acknowledged_until: string | null;
  pool_source_status: string | null;
  pool_source_error: string | null;
  pool_source_success_at: string | null;
  pool_scope_error: string | null;
  pool_scope_success_at: string | null;
  desired_source_error: string | null;
  desired_source_success_at: string | null;
  desired_scope_error: string | null;
  desired_scope_read_at: string | null;
}

/** Findings joined with the sync state of their pool's source and their declaration's source. */
export function findingsWithInputs(db: Knex): Knex.QueryBuilder {
  return db('nodepools_drift_findings as f')
    .leftJoin('nodepools_sources as ps', 'ps.id', 'f.pool_source')
    .leftJoin('nodepools_scopes as psc', function joinPoolScope() {
      this.on('psc.source', '=', 'f.pool_source').andOn('psc.scope', '=', 'f.pool_scope');
    })
    .leftJoin('nodepools_desired_sources as ds', 'ds.id', 'f.desired_source')
    .leftJoin('nodepools_desired_scopes as dsc', function joinDesiredScope() {
      this.on('dsc.source', '=', 'f.desired_source').andOn('dsc.scope', '=', 'f.desired_scope');
    });
}

/** Restricts a findings query to findings in one of these states at `now`. */
export function whereState(builder: Knex.QueryBuilder, states: readonly DriftState[], now: string): Knex.QueryBuilder {
  const all = new Set(states);
  if (all.size === 3) return builder;
  return builder.where(outer => {
    if (all.has('resolved')) outer.orWhereNotNull('f.resolved_at');
    if (all.has('acknowledged')) {
      outer.orWhere(q =>
        q
          .whereNull('f.resolved_at')
          .whereNotNull('f.acknowledged_at')
          .where(u => u.whereNull('f.acknowledged_until').orWhere('f.acknowledged_until', '>', now)),
      );
    }
    if (all.has('open')) {
      outer.orWhere(q =>
        q
          .whereNull('f.resolved_at')
          .where(a => a.whereNull('f.acknowledged_at').orWhere('f.acknowledged_until', '<=', now)),
      );
    }
  });
}

function stateOf(row: FindingReadRow, now: string): DriftState {
  if (row.resolved_at) return 'resolved';
  if (row.acknowledged_at && (!row.acknowledged_until || row.acknowledged_until > now)) return 'acknowledged';
  return 'open';
}

/** Why the finding's inputs may be old: its declaration's or its pool's source failed. */
function staleReasonOf(row: FindingReadRow): string | null {
  if (row.desired_scope_error) return row.desired_scope_error;
  if (row.desired_source_error) return row.desired_source_error;
  if (row.pool_scope_error) return row.pool_scope_error;
  if (row.pool_source_status === 'error' && row.pool_source_error) return row.pool_source_error;
  return null;
}

/**
 * When an open finding was last seen: when both its inputs were last read
 * in full, since the comparison runs after every read. Derived, so a run
 * that finds the same drift writes nothing.
 */
function lastSeenOf(row: FindingReadRow): string {
  if (row.resolved_at) return row.last_seen_at;
  const poolSeen = row.pool_scope_error ? row.pool_scope_success_at : row.pool_source_success_at;
  const desiredSeen = row.desired_scope_error ? row.desired_scope_read_at : row.desired_source_success_at;
  const seen = [poolSeen, desiredSeen].filter((t): t is string => Boolean(t)).sort()[0];
  if (!seen) return row.last_seen_at;
  return seen > row.last_seen_at ? seen : row.last_seen_at;
}

export function recordFromRow(row: FindingReadRow, now: string): DriftFindingRecord {
  const finding = JSON.parse(row.finding) as DriftFinding;
  const staleReason = row.resolved_at ? null : staleReasonOf(row);
  const record: DriftFindingRecord = {
    ...finding,
    clusterRef: row.cluster_ref,
    state: stateOf(row, now),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: lastSeenOf(row),
    stale: staleReason !== null,
  };
  if (row.owner) record.owner = row.owner;
  if (row.resolved_at) record.resolvedAt = row.resolved_at;
  if (staleReason !== null) record.staleReason = staleReason;
  if (row.acknowledged_at && row.acknowledged_by) {
    record.acknowledgement = {
      by: row.acknowledged_by,
      at: row.acknowledged_at,
      reason: row.acknowledged_reason ?? '',
      ...(row.acknowledged_until ? { until: row.acknowledged_until } : {}),
    };
  }
  return record;
}
