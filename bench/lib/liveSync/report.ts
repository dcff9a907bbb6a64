import { markdownTable } from '../markdown';
import { formatCount, formatMs } from '../stats';
import { MIB, formatMiB } from './memory';
import type { SourceRun, StepMeasurement } from './runner';

export const RSS_TARGET_BYTES = 1024 * MIB;

/** The three steps of one database's run. */
export interface DatabaseRun {
  database: string;
  first: StepMeasurement;
  resync: StepMeasurement;
  changed: StepMeasurement;
  /** What the change did to the fleet, for the step's name. */
  change: { raisedMax: number; lostNode: number };
  /** Pools in the fleet. */
  pools: number;
}

export const stepMs = (step: StepMeasurement) => step.runs.reduce((ms, run) => ms + run.ms, 0);
export const stepRows = (step: StepMeasurement) =>
  step.runs.reduce((rows, run) => rows + run.summary.poolRowsWritten, 0);
const percent = (part: number, whole: number, digits: number) =>
  `${((part / whole) * 100).toFixed(digits)}%`;
const stepRequests = (step: StepMeasurement) => step.runs.reduce((n, run) => n + run.requests, 0);

function outcome({ summary: s }: SourceRun): string {
  return [
    `${formatCount(s.created)} created`,
    `${formatCount(s.updated)} updated`,
    `${formatCount(s.unchanged)} unchanged`,
  ].join(', ');
}

function counted({ counted: c }: SourceRun): string {
  return [c.poolRows, c.documentRows, c.historyRows, c.observedRows].map(formatCount).join(' + ');
}

/** A store whose own count disagrees with its tables is a bug, not a result. */
export function countProblems(label: string, step: StepMeasurement): string[] {
  return step.runs.flatMap(run => {
    const { poolRows, documentRows, historyRows, observedRows } = run.counted;
    const total = poolRows + documentRows + historyRows + observedRows;
    return total === run.summary.poolRowsWritten
      ? []
      : [
          `${label}, ${run.source}: SyncSummary.poolRowsWritten is ${run.summary.poolRowsWritten} ` +
            `but the tables show ${total} rows written`,
        ];
  });
}

function stepNames(run: DatabaseRun): Array<[string, StepMeasurement]> {
  return [
    ['full sync', run.first],
    ['no-change resync', run.resync],
    [
      `1% change: max raised on ${formatCount(run.change.raisedMax)} node groups, ` +
        `1 node lost in ${formatCount(run.change.lostNode)} clusters`,
      run.changed,
    ],
  ];
}

/** Per database, step and source: time, requests, rows, memory. */
export function detailTable(runs: DatabaseRun[]): string {
  const rows: string[][] = [];
  for (const run of runs) {
    for (const [name, step] of stepNames(run)) {
      for (const source of step.runs) {
        rows.push([
          run.database,
          name,
          source.source,
          formatMs(source.ms),
          formatCount(source.requests),
          formatCount(source.summary.poolRowsWritten),
          counted(source),
          outcome(source),
          '',
        ]);
      }
      rows.push([
        run.database,
        name,
        '**both**',
        formatMs(stepMs(step)),
        formatCount(stepRequests(step)),
        formatCount(stepRows(step)),
        '',
        '',
        `${formatMiB(step.peakRss)} / ${formatMiB(step.maxRss)}`,
      ]);
    }
  }
  return markdownTable(
    [
      'Database',
      'Step',
      'Source',
      'Time',
      'Requests served',
      'Rows written (SyncSummary)',
      'Counted: pool + document + history + observed rows',
      'Pools',
      'Peak RSS: sampled in step / process maxRSS',
    ],
    rows,
  );
}

/** One line per database against the targets. */
export function targetTable(runs: DatabaseRun[]): string {
  return markdownTable(
    ['Database', 'Full sync', 'Peak RSS (< 1 GiB)', 'No-change resync (0 rows)', '1% change (about 1%)'],
    runs.map(run => {
      const peak = Math.max(run.first.peakRss, run.resync.peakRss, run.changed.peakRss, run.changed.maxRss);
      const resyncRows = stepRows(run.resync);
      const changedRows = stepRows(run.changed);
      const touched = run.change.raisedMax + run.change.lostNode;
      return [
        run.database,
        formatMs(stepMs(run.first)),
        `${formatMiB(peak)}: ${peak < RSS_TARGET_BYTES ? 'met' : 'missed'}`,
        `${formatCount(resyncRows)} rows: ${resyncRows === 0 ? 'met' : 'missed'}`,
        `${formatCount(changedRows)} rows, ${percent(changedRows, stepRows(run.first), 2)} of the full sync's; ` +
          `${formatCount(touched)} of ${formatCount(run.pools)} pools (${percent(touched, run.pools, 1)}) changed`,
      ];
    }),
  );
}
