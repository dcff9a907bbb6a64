import type { Knex } from 'knex';
import {
  DEFAULT_PAGE_SIZE,
  DRIFT_SEVERITIES,
  type DriftFindingRecord,
  type DriftPage,
  type DriftQuery,
  type DriftState,
} from '@nodepools/plugin-nodepools-common';
import { decodeFindingCursor, encodeFindingCursor } from '../findingCursor';
import { whereRefRestricted } from '../poolRestriction';
import {
  FINDING_READ_COLUMNS,
  findingsWithInputs,
  recordFromRow,
  whereState,
  type FindingReadRow,
} from './findingRows';

/** Open and acknowledged: what people act on. */
export const DEFAULT_DRIFT_STATES: DriftState[] = ['open', 'acknowledged'];

/** The value that stands for "no owner" in the owner filter, as for pools. */
const NO_OWNER = '(none)';


/** Filters of `GET /drift`; a cluster with a `/` is a cluster ref, else a name. */
export function applyDriftFilters(builder: Knex.QueryBuilder, query: DriftQuery, now: string): Knex.QueryBuilder {
  whereState(builder, query.state?.length ? query.state : DEFAULT_DRIFT_STATES, now);
  if (query.cluster?.length) {
    const refs = query.cluster.filter(c => c.includes('/'));
    const names = query.cluster.filter(c => !c.includes('/'));
    builder.where(q => {
      if (refs.length) q.orWhereIn('f.cluster_ref', refs);
      if (names.length) q.orWhereIn('f.cluster', names);
    });
  }
  if (query.owner?.length) {
    const owners = query.owner.filter(o => o !== NO_OWNER);
    builder.where(q => {
      if (owners.length) q.orWhereIn('f.owner', owners);
      if (owners.length !== query.owner!.length) q.orWhereNull('f.owner');
    });
  }
  if (query.severity?.length) builder.whereIn('f.severity', query.severity);
  if (query.cause?.length) builder.whereIn('f.cause', query.cause);
  return whereRefRestricted(builder, 'f.ref', query.restrict);
}

/** One page of findings, most severe first, then by pool ref and id. */
export async function listFindings(db: Knex, query: DriftQuery, now: Date): Promise<DriftPage> {
  const at = now.toISOString();
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const page = applyDriftFilters(findingsWithInputs(db), query, at);
  if (query.cursor) {
    const c = decodeFindingCursor(query.cursor, DRIFT_SEVERITIES.length);
    page.where(q =>
      q
        .where('f.severity_rank', '>', c.rank)
        .orWhere(r => r.where('f.severity_rank', c.rank).where('f.ref', '>', c.ref))
        .orWhere(r => r.where('f.severity_rank', c.rank).where('f.ref', c.ref).where('f.id', '>', c.id)),
    );
  }
  const [[countRow], rows] = await Promise.all([
    applyDriftFilters(db('nodepools_drift_findings as f'), query, at).count({ n: '*' }),
    page
      .orderBy([{ column: 'f.severity_rank' }, { column: 'f.ref' }, { column: 'f.id' }])
      .limit(limit + 1)
      .select([...FINDING_READ_COLUMNS, 'f.severity_rank']) as Promise<Array<FindingReadRow & { severity_rank: number | string }>>,
  ]);
  const items = rows.slice(0, limit);
  const result: DriftPage = { items: items.map(r => recordFromRow(r, at)), totalCount: Number(countRow.n) };
  if (rows.length > limit) {
    const last = items[items.length - 1];
    result.nextCursor = encodeFindingCursor({ rank: Number(last.severity_rank), ref: last.ref, id: last.id });
  }
  return result;
}

export async function poolFindings(db: Knex, ref: string, states: DriftState[], now: Date): Promise<DriftFindingRecord[]> {
  const at = now.toISOString();
  const rows: FindingReadRow[] = await whereState(findingsWithInputs(db).where('f.ref', ref), states, at)
    .orderBy([{ column: 'f.severity_rank' }, { column: 'f.field' }, { column: 'f.id' }])
    .select(FINDING_READ_COLUMNS);
  return rows.map(r => recordFromRow(r, at));
}

export async function getFinding(db: Knex, id: string, now: Date): Promise<DriftFindingRecord | undefined> {
  const row: FindingReadRow | undefined = await findingsWithInputs(db).where('f.id', id).first(FINDING_READ_COLUMNS);
  return row && recordFromRow(row, now.toISOString());
}
