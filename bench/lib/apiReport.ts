import { markdownTable } from './markdown';
import type { QueryProfile } from './queryProfile';
import { formatCount, formatMs } from './stats';

export type EndpointKey = 'default' | 'filtered' | 'text' | 'notModified' | 'oneRow' | 'ping';

/** One endpoint under load, on one database at one inventory size. */
export interface LoadMeasurement {
  database: string;
  pools: string;
  endpoint: EndpointKey;
  endpointName: string;
  /** Whether the server kept assembled pages (`nodepools.listing.cacheMb`). */
  pageCache: boolean;
  /** Pools the query matches; undefined for an endpoint that is not a pool query. */
  totalCount?: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  throughput: number;
  kbPerAnswer: number;
  retries: number;
  statuses: Record<number, number>;
}

export interface ProfileMeasurement {
  database: string;
  pools: string;
  endpoint: string;
  profile: QueryProfile;
}

/** Throughput of an endpoint over the one-row route's, from the same server. */
export const THROUGHPUT_TARGETS: Partial<Record<EndpointKey, number>> = {
  default: 0.5,
  filtered: 0.3,
  text: 0.3,
  notModified: 0.8,
};
export const P99_RATIO_TARGET = 1.5;

function find(
  rows: LoadMeasurement[],
  where: Pick<LoadMeasurement, 'database' | 'pools' | 'endpoint'> & { pageCache?: boolean },
) {
  return rows.find(
    r =>
      r.database === where.database &&
      r.pools === where.pools &&
      r.endpoint === where.endpoint &&
      r.pageCache === (where.pageCache ?? true),
  );
}

function baselineOf(rows: LoadMeasurement[], m: LoadMeasurement) {
  return find(rows, { database: m.database, pools: m.pools, endpoint: 'oneRow' });
}

export function loadTable(rows: LoadMeasurement[]): string {
  return markdownTable(
    ['Database', 'Pools', 'Endpoint', 'Page cache', 'Matching', 'Requests', 'p50', 'p99', 'max', 'Requests/s', '÷ one-row route', 'KiB/answer', 'Resent'],
    rows.map(m => {
      const baseline = baselineOf(rows, m);
      return [
        m.database,
        m.pools,
        m.endpointName,
        m.endpoint === 'oneRow' || m.endpoint === 'ping' ? '-' : m.pageCache ? 'on' : 'off',
        m.totalCount === undefined ? '-' : formatCount(m.totalCount),
        formatCount(m.requests),
        formatMs(m.p50),
        formatMs(m.p99),
        formatMs(m.max),
        formatCount(Math.round(m.throughput)),
        baseline ? (m.throughput / baseline.throughput).toFixed(2) : '-',
        m.kbPerAnswer.toFixed(1),
        formatCount(m.retries),
      ];
    }),
  );
}

function verdict(value: number | undefined, ok: (v: number) => boolean): string {
  if (value === undefined) return 'not measured';
  return ok(value) ? 'met' : 'missed';
}

/** Each target of the listing, per database, from the rows measured. */
export function targetTable(rows: LoadMeasurement[], sizes: { small: string; medium: string; large: string }): string {
  const out: string[][] = [];
  const databases = [...new Set(rows.map(r => r.database))];
  for (const database of databases) {
    for (const pools of [sizes.medium, sizes.large]) {
      for (const [endpoint, target] of Object.entries(THROUGHPUT_TARGETS) as Array<[EndpointKey, number]>) {
        const m = find(rows, { database, pools, endpoint });
        if (!m) continue;
        const baseline = baselineOf(rows, m);
        const ratio = baseline ? m.throughput / baseline.throughput : undefined;
        out.push([
          `${m.endpointName}: requests/s ÷ one-row route >= ${target}`,
          database,
          pools,
          ratio === undefined ? '-' : `${ratio.toFixed(2)} (${formatCount(Math.round(m.throughput))} / ${formatCount(Math.round(baseline!.throughput))})`,
          verdict(ratio, v => v >= target),
        ]);
      }
    }
    for (const [larger, smaller] of [[sizes.medium, sizes.small], [sizes.large, sizes.medium]]) {
      for (const endpoint of ['default', 'filtered', 'text'] as EndpointKey[]) {
        const big = find(rows, { database, pools: larger, endpoint });
        const small = find(rows, { database, pools: smaller, endpoint });
        if (!big || !small) continue;
        const ratio = big.p99 / small.p99;
        out.push([
          `${big.endpointName}: p99 ${larger} ÷ ${smaller} pools <= ${P99_RATIO_TARGET}`,
          database,
          `${larger} / ${smaller}`,
          `${ratio.toFixed(2)} (${formatMs(big.p99)} / ${formatMs(small.p99)})`,
          verdict(ratio, v => v <= P99_RATIO_TARGET),
        ]);
      }
    }
  }
  return markdownTable(['Target', 'Database', 'Pools', 'Measured', 'Result'], out);
}

export function profileTable(profiles: ProfileMeasurement[]): string {
  return markdownTable(
    ['Database', 'Pools', 'Endpoint', 'Listing (no page cache)', 'tag read', 'count query', 'page query', 'assembly (the rest)', 'Answer'],
    profiles.map(({ database, endpoint, pools, profile }) => {
      const statement = (name: string) => profile.statements.find(s => s.label === name)?.ms;
      const sql = ['tag', 'count query', 'page query'].map(statement);
      // The count and page queries run at once: the rest is what neither covers.
      const waited = (sql[0] ?? 0) + Math.max(sql[1] ?? 0, sql[2] ?? 0);
      return [
        database,
        pools,
        endpoint,
        formatMs(profile.listMs),
        ...sql.map(ms => (ms === undefined ? '-' : formatMs(ms))),
        formatMs(Math.max(0, profile.listMs - waited)),
        `${(profile.jsonBytes / 1024).toFixed(1)} KiB`,
      ];
    }),
  );
}
