import type { Knex } from 'knex';
import {
  DRIFT_SEVERITIES,
  type DriftDayCount,
  type DriftGroupCount,
  type DriftSeverity,
  type DriftSummary,
  type PoolDriftCount,
  type PoolRestriction,
} from '@nodepools/plugin-nodepools-common';
import { whereRefRestricted } from '../poolRestriction';
import { findingsWithInputs, whereState } from './findingRows';

interface OpenRow {
  ref: string;
  cause: string;
  owner: string | null;
  cluster_ref: string;
  severity: DriftSeverity;
  acknowledged: number | string | boolean;
  stale: number | string | boolean;
  n: number | string;
}

const NO_OWNER = '(none)';

/** 1 when an acknowledgement holds at the bound time, else 0. */
const ACKNOWLEDGED =
  'case when f.acknowledged_at is not null and (f.acknowledged_until is null or f.acknowledged_until > ?) then 1 else 0 end';

/** The unresolved findings grouped by everything the summary counts by, with their state at `now`. */
async function openGroups(db: Knex, now: string): Promise<OpenRow[]> {
  // Grouped by position: PostgreSQL would not see two bound copies of one expression as the same.
  return findingsWithInputs(db)
    .whereNull('f.resolved_at')
    .select(
      db.raw(
        `f.cause, f.owner, f.cluster_ref, f.severity, ${ACKNOWLEDGED} as acknowledged, ` +
          "case when dsc.error is not null or ds.error is not null or psc.error is not null or ps.status = 'error' then 1 else 0 end as stale, " +
          'count(*) as n',
        [now],
      ),
    )
    .groupByRaw('1, 2, 3, 4, 5, 6') as Promise<OpenRow[]>;
}

function grouped(rows: OpenRow[], key: (row: OpenRow) => string, order?: readonly string[]): DriftGroupCount[] {
  const groups = new Map<string, DriftGroupCount>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k) ?? { key: k, open: 0, acknowledged: 0 };
    if (Number(row.acknowledged)) group.acknowledged += Number(row.n);
    else group.open += Number(row.n);
    groups.set(k, group);
  }
  const list = [...groups.values()];
  return order
    ? list.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
    : list.sort((a, b) => b.open - a.open || b.acknowledged - a.acknowledged || (a.key < b.key ? -1 : 1));
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Today's counts, from the findings themselves. */
async function countsOfDay(db: Knex, now: Date): Promise<DriftDayCount> {
  const at = now.toISOString();
  const start = `${dayOf(now)}T00:00:00.000Z`;
  const [[open], [acknowledged], [opened], [resolved]] = await Promise.all([
    whereState(db('nodepools_drift_findings as f'), ['open'], at).count({ n: '*' }),
    whereState(db('nodepools_drift_findings as f'), ['acknowledged'], at).count({ n: '*' }),
    db('nodepools_drift_findings as f')
      .where(q => q.where('f.first_seen_at', '>=', start).orWhere('f.reopened_at', '>=', start))
      .count({ n: '*' }),
    db('nodepools_drift_findings as f').where('f.resolved_at', '>=', start).count({ n: '*' }),
  ]);
  return {
    day: dayOf(now),
    open: Number(open.n),
    acknowledged: Number(acknowledged.n),
    opened: Number(opened.n),
    resolved: Number(resolved.n),
  };
}

/** Stores today's counts when they differ from what is stored; returns the rows written. */
export async function recordDay(db: Knex, now: Date): Promise<number> {
  const today = await countsOfDay(db, now);
  const stored: DriftDayCount | undefined = await db('nodepools_drift_daily').where({ day: today.day }).first();
  if (
    stored &&
    Number(stored.open) === today.open &&
    Number(stored.acknowledged) === today.acknowledged &&
    Number(stored.opened) === today.opened &&
    Number(stored.resolved) === today.resolved
  ) {
    return 0;
  }
  await db('nodepools_drift_daily').insert(today).onConflict('day').merge();
  return 1;
}

/** The last `days` days, oldest first; a day with no row carries the counts of the day before. */
async function overTime(db: Knex, now: Date, days: number): Promise<DriftDayCount[]> {
  const first = new Date(now.getTime() - (days - 1) * 86_400_000);
  const rows: DriftDayCount[] = await db('nodepools_drift_daily').where('day', '>=', dayOf(first)).orderBy('day');
  const before: DriftDayCount | undefined = await db('nodepools_drift_daily').where('day', '<', dayOf(first)).orderBy('day', 'desc').first();
  const byDay = new Map(rows.map(r => [r.day, r]));
  const out: DriftDayCount[] = [];
  let carried = { open: Number(before?.open ?? 0), acknowledged: Number(before?.acknowledged ?? 0) };
  for (let i = 0; i < days; i++) {
    const day = dayOf(new Date(first.getTime() + i * 86_400_000));
    const row = byDay.get(day);
    if (row) carried = { open: Number(row.open), acknowledged: Number(row.acknowledged) };
    out.push({ day, ...carried, opened: Number(row?.opened ?? 0), resolved: Number(row?.resolved ?? 0) });
  }
  return out;
}

export async function driftSummary(db: Knex, now: Date, days: number): Promise<DriftSummary> {
  const at = now.toISOString();
  const [rows, history, today] = await Promise.all([openGroups(db, at), overTime(db, now, days), countsOfDay(db, now)]);
  // Today as it is now, whatever the last stored row said.
  if (history.length) history[history.length - 1] = today;
  const total = (pick: (r: OpenRow) => boolean) => rows.filter(pick).reduce((n, r) => n + Number(r.n), 0);
  return {
    open: total(r => !Number(r.acknowledged)),
    acknowledged: total(r => Boolean(Number(r.acknowledged))),
    stale: total(r => Boolean(Number(r.stale))),
    bySeverity: grouped(rows, r => r.severity, DRIFT_SEVERITIES),
    byCause: grouped(rows, r => r.cause),
    byOwner: grouped(rows, r => r.owner ?? NO_OWNER),
    byCluster: grouped(rows, r => r.cluster_ref),
    overTime: history,
  };
}

/** Per pool: open and acknowledged findings and the worst open severity. */
export async function poolCounts(db: Knex, now: Date, restrict?: PoolRestriction): Promise<PoolDriftCount[]> {
  const rows: Array<{ ref: string; acknowledged: number | string; rank: number | string; n: number | string }> =
    await whereRefRestricted(db('nodepools_drift_findings as f'), 'f.ref', restrict)
      .whereNull('f.resolved_at')
      .select(db.raw(`f.ref, ${ACKNOWLEDGED} as acknowledged, min(f.severity_rank) as rank, count(*) as n`, [now.toISOString()]))
      .groupByRaw('1, 2')
      .orderBy('f.ref');
  const byRef = new Map<string, PoolDriftCount>();
  for (const row of rows) {
    const count = byRef.get(row.ref) ?? { ref: row.ref, open: 0, acknowledged: 0 };
    if (Number(row.acknowledged)) {
      count.acknowledged += Number(row.n);
    } else {
      count.open += Number(row.n);
      count.worstSeverity = DRIFT_SEVERITIES[Number(row.rank)];
    }
    byRef.set(row.ref, count);
  }
  return [...byRef.values()];
}
