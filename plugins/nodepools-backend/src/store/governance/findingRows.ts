import type { Knex } from 'knex';
import type {
  FindingState,
  GovernanceFinding,
  GovernanceFindingRecord,
  PoolRestriction,
} from '@nodepools/plugin-nodepools-common';
import { whereRefRestricted } from '../poolRestriction';

export const FINDING_READ_COLUMNS = [
  'f.id',
  'f.document',
  'f.first_seen_at',
  'f.last_changed_at',
  'f.resolved_at',
  'f.acknowledged_by',
  'f.acknowledged_at',
  'f.acknowledged_reason',
  'f.acknowledged_until',
];

export interface FindingReadRow {
  id: string;
  document: string;
  first_seen_at: string;
  last_changed_at: string;
  resolved_at: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledged_reason: string | null;
  acknowledged_until: string | null;
}

/** Keeps the findings in this state at `now`; `all` keeps every one. */
export function whereFindingState(builder: Knex.QueryBuilder, state: FindingState, now: string): Knex.QueryBuilder {
  switch (state) {
    case 'all':
      return builder;
    case 'resolved':
      return builder.whereNotNull('f.resolved_at');
    case 'acknowledged':
      return builder
        .whereNull('f.resolved_at')
        .whereNotNull('f.acknowledged_at')
        .where(q => q.whereNull('f.acknowledged_until').orWhere('f.acknowledged_until', '>', now));
    default:
      return builder
        .whereNull('f.resolved_at')
        .where(q => q.whereNull('f.acknowledged_at').orWhere('f.acknowledged_until', '<=', now));
  }
}

/**
 * Keeps the findings the caller may read: a pool finding when its pool
 * is one the restriction keeps, a cluster finding when a pool of its
 * cluster is (as stored triage reports are shown).
 */
export function whereFindingReadable(
  builder: Knex.QueryBuilder,
  restrict: PoolRestriction | undefined,
): Knex.QueryBuilder {
  if (!restrict) return builder;
  return builder.where(readable =>
    readable
      .where(pool => whereRefRestricted(pool.whereNotNull('f.pool_ref'), 'f.pool_ref', restrict))
      .orWhere(cluster =>
        cluster.where('f.subject_kind', 'cluster').whereIn('f.cluster_ref', function clustersOfReadablePools(this: Knex.QueryBuilder) {
          whereRefRestricted(this.from('nodepools_governance_pools as rg').select('rg.cluster_ref'), 'rg.ref', restrict);
        }),
      ),
  );
}

export function recordFromRow(row: FindingReadRow, now: string): GovernanceFindingRecord {
  const finding = JSON.parse(row.document) as GovernanceFinding;
  const record: GovernanceFindingRecord = {
    ...finding,
    firstSeenAt: row.first_seen_at,
    lastChangedAt: row.last_changed_at,
  };
  if (row.resolved_at) record.resolvedAt = row.resolved_at;
  // An expired acknowledgement is history (the audit table), not the finding's state.
  if (row.acknowledged_at && row.acknowledged_by && (!row.acknowledged_until || row.acknowledged_until > now)) {
    record.acknowledgement = {
      by: row.acknowledged_by,
      at: row.acknowledged_at,
      reason: row.acknowledged_reason ?? '',
      ...(row.acknowledged_until ? { expiresAt: row.acknowledged_until } : {}),
    };
  }
  return record;
}
