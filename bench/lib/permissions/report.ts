import { markdownTable } from '../markdown';
import { formatCount, formatMs } from '../stats';

/** The target: a conditional owner filter costs at most half again the unfiltered request at p99. */
export const TARGET_RATIO = 1.5;

/** One endpoint under load with one policy mode, on one database. */
export interface PolicyMeasurement {
  database: string;
  endpoint: string;
  mode: 'allow' | 'owner';
  totalCount: number;
  pagesFollowed: number;
  requests: number;
  p50: number;
  p99: number;
  throughput: number;
}

/** One row per database and endpoint: the unfiltered and the owner-filtered request side by side. */
export function policyTable(measurements: PolicyMeasurement[]): string {
  const rows: string[][] = [];
  for (const allowed of measurements.filter(m => m.mode === 'allow')) {
    const owner = measurements.find(
      m => m.mode === 'owner' && m.database === allowed.database && m.endpoint === allowed.endpoint,
    );
    if (!owner) continue;
    const ratio = owner.p99 / allowed.p99;
    rows.push([
      allowed.database,
      allowed.endpoint,
      `${formatCount(allowed.totalCount)} / ${formatCount(owner.totalCount)}`,
      `${formatMs(allowed.p50)} / ${formatMs(owner.p50)}`,
      `${formatMs(allowed.p99)} / ${formatMs(owner.p99)}`,
      `${allowed.throughput.toFixed(0)} / ${owner.throughput.toFixed(0)}`,
      `${formatCount(allowed.requests)} / ${formatCount(owner.requests)}`,
      ratio.toFixed(2),
      ratio <= TARGET_RATIO ? 'met' : 'missed',
    ]);
  }
  return markdownTable(
    [
      'Database',
      'Request',
      'Matching (all / owner)',
      'p50 (all / owner)',
      'p99 (all / owner)',
      'Requests/s (all / owner)',
      'Requests',
      'p99 ratio',
      `<= ${TARGET_RATIO}`,
    ],
    rows,
  );
}
