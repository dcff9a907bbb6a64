import type { Knex } from 'knex';
import {
  DEFAULT_PAGE_SIZE,
  GOVERNANCE_SEVERITIES,
  type FindingQuery,
  type FindingsPage,
  type FindingsSummary,
  type GovernanceFindingRecord,
  type PoolRestriction,
} from '@nodepools/plugin-nodepools-common';
import { decodeFindingCursor, encodeFindingCursor } from '../findingCursor';
import { matchingClusterRefs, whereOwnerIn } from './clusterSelectors';
import {
  FINDING_READ_COLUMNS,
  recordFromRow,
  whereFindingReadable,
  whereFindingState,
  type FindingReadRow,
} from './findingRows';

type RestrictedFindingQuery = FindingQuery & { restrict?: PoolRestriction };


/** A finding query with its cluster selectors resolved to stored cluster refs. */
type ResolvedFindingQuery = RestrictedFindingQuery & { clusterRefs?: string[] };

async function resolve(db: Knex, query: RestrictedFindingQuery): Promise<ResolvedFindingQuery> {
  return query.cluster?.length ? { ...query, clusterRefs: await matchingClusterRefs(db, query.cluster) } : query;
}

/**
 * Filters of `GET /findings` and the findings export, as the common
 * `matchesFinding` decides them (state `open` by default, owners without
 * case, `-` for none, clusters by selector), in SQL.
 */
function applyFindingFilters(builder: Knex.QueryBuilder, query: ResolvedFindingQuery, now: string): Knex.QueryBuilder {
  whereFindingState(builder, query.state ?? 'open', now);
  if (query.rule?.length) builder.whereIn('f.rule', query.rule);
  if (query.severity?.length) builder.whereIn('f.severity', query.severity);
  if (query.clusterRefs) builder.whereIn('f.cluster_ref', query.clusterRefs);
  if (query.pool?.length) builder.whereIn('f.subject_ref', query.pool);
  if (query.owner?.length) whereOwnerIn(builder, 'f.owner', query.owner);
  return whereFindingReadable(builder, query.restrict);
}

const ORDER = [{ column: 'f.severity_rank' }, { column: 'f.subject_ref' }, { column: 'f.id' }];

/** One page of findings, most severe first, then by subject and id. */
export async function listFindings(db: Knex, restricted: RestrictedFindingQuery, now: Date): Promise<FindingsPage> {
  const at = now.toISOString();
  const query = await resolve(db, restricted);
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const page = applyFindingFilters(db('nodepools_governance_findings as f'), query, at);
  if (query.cursor) {
    const c = decodeFindingCursor(query.cursor, GOVERNANCE_SEVERITIES.length);
    page.where(q =>
      q
        .where('f.severity_rank', '>', c.rank)
        .orWhere(r => r.where('f.severity_rank', c.rank).where('f.subject_ref', '>', c.ref))
        .orWhere(r => r.where('f.severity_rank', c.rank).where('f.subject_ref', c.ref).where('f.id', '>', c.id)),
    );
  }
  const [[countRow], rows] = await Promise.all([
    applyFindingFilters(db('nodepools_governance_findings as f'), query, at).count({ n: '*' }),
    page
      .orderBy(ORDER)
      .limit(limit + 1)
      .select([...FINDING_READ_COLUMNS, 'f.severity_rank', 'f.subject_ref']) as Promise<
      Array<FindingReadRow & { severity_rank: number | string; subject_ref: string }>
    >,
  ]);
  const items = rows.slice(0, limit);
  const result: FindingsPage = { items: items.map(r => recordFromRow(r, at)), totalCount: Number(countRow.n) };
  if (rows.length > limit) {
    const last = items[items.length - 1];
    result.nextCursor = encodeFindingCursor({ rank: Number(last.severity_rank), ref: last.subject_ref, id: last.id });
  }
  return result;
}

/** Every finding the query keeps, in the listing's order. */
export async function allFindings(db: Knex, restricted: RestrictedFindingQuery, now: Date): Promise<GovernanceFindingRecord[]> {
  const at = now.toISOString();
  const query = await resolve(db, restricted);
  const rows: FindingReadRow[] = await applyFindingFilters(db('nodepools_governance_findings as f'), query, at)
    .orderBy(ORDER)
    .select(FINDING_READ_COLUMNS);
  return rows.map(r => recordFromRow(r, at));
}

export async function getFinding(db: Knex, id: string, now: Date): Promise<GovernanceFindingRecord | undefined> {
  const row: FindingReadRow | undefined = await db('nodepools_governance_findings as f')
    .where('f.id', id)
    .first(FINDING_READ_COLUMNS);
  return row && recordFromRow(row, now.toISOString());
}

/** Findings that hold, by rule and severity, open and acknowledged. */
export async function findingsSummary(db: Knex, restrict: PoolRestriction | undefined, now: Date): Promise<FindingsSummary> {
  const at = now.toISOString();
  const count = (state: 'open' | 'acknowledged') =>
    whereFindingReadable(whereFindingState(db('nodepools_governance_findings as f'), state, at), restrict)
      .select('f.rule', 'f.severity')
      .count({ n: '*' })
      .groupBy('f.rule', 'f.severity') as Promise<Array<{ rule: string; severity: string; n: number | string }>>;
  const [open, acknowledged, state] = await Promise.all([
    count('open'),
    count('acknowledged'),
    db('nodepools_governance_state').where({ id: 1 }).first('evaluated_at'),
  ]);
  const summary: FindingsSummary = {
    byRule: {},
    bySeverity: { high: 0, medium: 0, low: 0 },
    open: 0,
    acknowledged: 0,
  };
  for (const row of open) {
    const n = Number(row.n);
    summary.byRule[row.rule as keyof FindingsSummary['byRule']] = (summary.byRule[row.rule as keyof FindingsSummary['byRule']] ?? 0) + n;
    summary.bySeverity[row.severity as keyof FindingsSummary['bySeverity']] += n;
    summary.open += n;
  }
  for (const row of acknowledged) summary.acknowledged += Number(row.n);
  if (state?.evaluated_at) summary.evaluatedAt = state.evaluated_at;
  return summary;
}
