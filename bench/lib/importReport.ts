import type { ImportMeasurement } from './importRun';
import { markdownTable } from './markdown';
import { formatCount, formatMs } from './stats';

export const TARGET_MS = 5000;

/** One line of the import table. */
export interface ImportRow {
  database: string;
  step: string;
  measurement: ImportMeasurement;
  target: string;
}

/** Within the 5 s target, and (for re-imports) writing nothing. */
export function verdict(ms: number, wroteNothing = true): string {
  return ms < TARGET_MS && wroteNothing ? 'met (< 5 s)' : 'missed (< 5 s)';
}

function phases({ ms, phases: p }: ImportMeasurement): string {
  const prepare = ms - p.listMs - p.applyMs;
  return [p.listMs, prepare, p.applyMs].map(formatMs).join(' / ');
}

function outcome({ summary: s }: ImportMeasurement): string {
  return [
    `${formatCount(s.created)} created`,
    `${formatCount(s.updated)} updated`,
    `${formatCount(s.unchanged)} unchanged`,
  ].join(', ');
}

export function importTable(rows: ImportRow[]): string {
  return markdownTable(
    [
      'Database',
      'Step',
      'Time',
      'Of which read + parse / prepare / store',
      'Rows written (SyncSummary)',
      'Counted: pool rows + history rows',
      'Pools',
      'Target',
    ],
    rows.map(({ database, step, measurement: m, target }) => [
      database,
      step,
      formatMs(m.ms),
      phases(m),
      formatCount(m.summary.poolRowsWritten),
      `${formatCount(m.poolRowsChanged)} + ${formatCount(m.historyRowsAdded)}`,
      outcome(m),
      target,
    ]),
  );
}

/** A store whose own count disagrees with its tables is a bug, not a benchmark result. */
export function countProblems(label: string, m: ImportMeasurement): string[] {
  // Each created or updated pool also rewrites its document row (tombstones do not).
  const documentRows = m.poolRowsChanged - m.summary.tombstoned;
  const counted = m.poolRowsChanged + documentRows + m.historyRowsAdded;
  return counted === m.summary.poolRowsWritten
    ? []
    : [
        `${label}: SyncSummary.poolRowsWritten is ${m.summary.poolRowsWritten} ` +
          `but the tables show ${counted} rows written`,
      ];
}
