import { markdownTable } from './markdown';
import type { QueryProfile } from './queryProfile';
import { formatCount, formatMs } from './stats';

/** One endpoint under load, on one database at one inventory size. */
export interface LoadMeasurement {
  database: string;
  pools: string;
  endpoint: string;
  /** Pools the query matches; undefined for an endpoint that is not a pool query. */
  totalCount?: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  throughput: number;
  kbPerAnswer: number;
  retries: number;
}

export interface ProfileMeasurement {
  database: string;
  pools: string;
  endpoint: string;
  profile: QueryProfile;
}

export const TARGET_P99_MS = 50;
export const TARGET_RATIO = 2;

/** Rows grouped by database, then endpoint, then size, in the order they were first measured. */
function grouped<T extends { database: string; endpoint: string }>(rows: T[]): T[] {
  const order = (key: (row: T) => string) => [...new Set(rows.map(key))];
  const databases = order(r => r.database);
  const endpoints = order(r => r.endpoint);
  return [...rows].sort(
    (a, b) =>
      databases.indexOf(a.database) - databases.indexOf(b.database) ||
      endpoints.indexOf(a.endpoint) - endpoints.indexOf(b.endpoint),
  );
}

function verdict(p99: number, ratio: number | undefined): string {
  const p99Met = p99 < TARGET_P99_MS ? 'met' : 'missed';
  const ratioMet = ratio !== undefined && ratio <= TARGET_RATIO ? 'met' : 'missed';
  return `p99 < 50 ms: ${p99Met}; ratio <= 2: ${ratioMet}`;
}

export function loadTable(measurements: LoadMeasurement[], largest: string, smallest: string): string {
  const p99At = (m: LoadMeasurement, pools: string) =>
    measurements.find(
      o => o.database === m.database && o.endpoint === m.endpoint && o.pools === pools,
    )?.p99;
  return markdownTable(
    [
      'Database',
      'Endpoint',
      'Pools',
      'Matching',
      'Requests',
      'p50',
      'p99',
      'max',
      'Requests/s',
      'KiB/answer',
      'Resent',
      `p99 ${largest} / ${smallest}`,
      'Target',
    ],
    grouped(measurements).map(m => {
      const isPoolQuery = m.totalCount !== undefined;
      const small = m.pools === largest ? p99At(m, smallest) : undefined;
      const ratio = small ? m.p99 / small : undefined;
      return [
        m.database,
        m.endpoint,
        m.pools,
        isPoolQuery ? formatCount(m.totalCount!) : '-',
        formatCount(m.requests),
        formatMs(m.p50),
        formatMs(m.p99),
        formatMs(m.max),
        formatCount(Math.round(m.throughput)),
        m.kbPerAnswer.toFixed(1),
        formatCount(m.retries),
        ratio !== undefined ? ratio.toFixed(2) : '',
        isPoolQuery && m.pools === largest ? verdict(m.p99, ratio) : '',
      ];
    }),
  );
}

export function profileTable(profiles: ProfileMeasurement[]): string {
  return markdownTable(
    ['Database', 'Endpoint', 'Pools', 'listPools', 'count query', 'page query', 'JSON.stringify (size)'],
    grouped(profiles).map(({ database, endpoint, pools, profile }) => {
      const statement = (label: string) => profile.statements.find(s => s.label === label)?.ms;
      const count = statement('count query');
      const page = statement('page query');
      return [
        database,
        endpoint,
        pools,
        formatMs(profile.listMs),
        count === undefined ? '-' : formatMs(count),
        page === undefined ? '-' : formatMs(page),
        `${formatMs(profile.jsonMs)} (${(profile.jsonBytes / 1024).toFixed(1)} KiB)`,
      ];
    }),
  );
}
