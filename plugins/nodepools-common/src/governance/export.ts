import type { GovernanceExportKind } from './api';
import type { CostRollup, GovernanceFinding, GovernanceFindingRecord, PoolGovernance } from './types';

/** A cell: text, a number or a boolean; absent values are empty cells (`null` in JSON). */
export type ExportCell = string | number | boolean | null;
export type ExportRow = Record<string, ExportCell>;

export interface ExportColumn<T> {
  key: string;
  header: string;
  value(row: T): ExportCell | undefined;
}

/**
 * Text that a spreadsheet would run as a formula (or whose leading
 * control character it would strip) starts with one of these; such a cell
 * is written with a leading `'`, which spreadsheets show as text.
 */
const FORMULA_PREFIXES = ['=', '+', '-', '@', '\t', '\r'];

/** A text cell made safe to open in a spreadsheet. Numbers are not text and are never prefixed. */
export function neutralizeFormula(text: string): string {
  return FORMULA_PREFIXES.some(prefix => text.startsWith(prefix)) ? `'${text}` : text;
}

function csvCell(value: ExportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV: a header line, then one line per row, CRLF line ends;
 * a field with a comma, a double quote or a line break is quoted, its
 * quotes doubled. Text cells are neutralized against formula injection.
 */
export function toCsv(columns: ReadonlyArray<Pick<ExportColumn<unknown>, 'key' | 'header'>>, rows: readonly ExportRow[]): string {
  const lines = [columns.map(c => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map(c => csvCell(row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const round2 = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 100) / 100);
const GiB = 2 ** 30;
const gib = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round((bytes / GiB) * 100) / 100);

export const POOL_EXPORT_COLUMNS: ReadonlyArray<ExportColumn<PoolGovernance>> = [
  { key: 'ref', header: 'Pool ref', value: p => p.ref },
  { key: 'name', header: 'Pool', value: p => p.name },
  { key: 'cluster', header: 'Cluster', value: p => p.cluster },
  { key: 'clusterRef', header: 'Cluster ref', value: p => p.clusterRef },
  { key: 'provider', header: 'Provider', value: p => p.provider },
  { key: 'owner', header: 'Owner', value: p => p.owner },
  { key: 'mode', header: 'Mode', value: p => p.mode },
  { key: 'nodes', header: 'Nodes', value: p => p.capacity.nodes },
  { key: 'requestedCpu', header: 'Requested CPU (cores)', value: p => round2(p.capacity.requested.cpu) },
  { key: 'allocatableCpu', header: 'Allocatable CPU (cores)', value: p => round2(p.capacity.allocatable.cpu) },
  { key: 'requestedMemoryGiB', header: 'Requested memory (GiB)', value: p => gib(p.capacity.requested.memory) },
  { key: 'allocatableMemoryGiB', header: 'Allocatable memory (GiB)', value: p => gib(p.capacity.allocatable.memory) },
  { key: 'machineType', header: 'Machine type', value: p => p.cost.machineType },
  { key: 'monthlyCost', header: 'Monthly cost (USD)', value: p => round2(p.cost.current?.monthly) },
  { key: 'idleMonthly', header: 'Idle monthly (USD)', value: p => round2(p.idle?.monthly) },
  { key: 'costSource', header: 'Cost source', value: p => p.costSource },
  { key: 'estimated', header: 'Estimated', value: p => p.cost.estimated || !p.cost.known },
  { key: 'kubernetesVersion', header: 'Kubernetes version', value: p => p.upgrade.kubernetesVersion },
  { key: 'minorSkew', header: 'Minor versions behind', value: p => p.upgrade.minorSkew },
  { key: 'endOfSupport', header: 'End of support', value: p => p.upgrade.endOfSupport },
  { key: 'podsBeforeExhaustion', header: 'Pods before IP exhaustion', value: p => p.ip.podsBeforeExhaustion },
  { key: 'suggestions', header: 'Suggestions', value: p => p.suggestions.map(s => s.kind).join(' ') },
  { key: 'monthlySaving', header: 'Possible monthly saving (USD)', value: p => round2(maxSaving(p)) },
  { key: 'findings', header: 'Findings', value: p => p.findings },
];

/** Suggestions exclude each other (a retired pool is not right-sized): the largest saving counts. */
function maxSaving(pool: PoolGovernance): number | undefined {
  const savings = pool.suggestions.map(s => s.monthlySaving).filter((s): s is number => s !== undefined);
  return savings.length ? Math.max(...savings) : undefined;
}

export const FINDING_EXPORT_COLUMNS: ReadonlyArray<ExportColumn<GovernanceFinding | GovernanceFindingRecord>> = [
  { key: 'id', header: 'Id', value: f => f.id },
  { key: 'rule', header: 'Rule', value: f => f.rule },
  { key: 'severity', header: 'Severity', value: f => f.severity },
  { key: 'subjectKind', header: 'Subject', value: f => f.subject.kind },
  { key: 'subjectRef', header: 'Subject ref', value: f => f.subject.ref },
  { key: 'clusterRef', header: 'Cluster ref', value: f => f.clusterRef },
  { key: 'owner', header: 'Owner', value: f => f.owner },
  { key: 'message', header: 'Message', value: f => f.message },
  { key: 'fix', header: 'Fix', value: f => f.fix },
  { key: 'firstSeenAt', header: 'First seen', value: f => ('firstSeenAt' in f ? f.firstSeenAt : undefined) },
  { key: 'resolvedAt', header: 'Resolved', value: f => ('firstSeenAt' in f ? f.resolvedAt : undefined) },
  { key: 'acknowledgedBy', header: 'Acknowledged by', value: f => ('firstSeenAt' in f ? f.acknowledgement?.by : undefined) },
  { key: 'acknowledgedReason', header: 'Acknowledgement reason', value: f => ('firstSeenAt' in f ? f.acknowledgement?.reason : undefined) },
  { key: 'acknowledgedUntil', header: 'Acknowledged until', value: f => ('firstSeenAt' in f ? f.acknowledgement?.expiresAt : undefined) },
];

export const COST_EXPORT_COLUMNS: ReadonlyArray<ExportColumn<CostRollup>> = [
  { key: 'key', header: 'Group', value: c => c.key },
  { key: 'pools', header: 'Pools', value: c => c.pools },
  { key: 'nodes', header: 'Nodes', value: c => c.capacity.nodes },
  { key: 'requestedCpu', header: 'Requested CPU (cores)', value: c => round2(c.capacity.requested.cpu) },
  { key: 'allocatableCpu', header: 'Allocatable CPU (cores)', value: c => round2(c.capacity.allocatable.cpu) },
  { key: 'requestedMemoryGiB', header: 'Requested memory (GiB)', value: c => gib(c.capacity.requested.memory) },
  { key: 'allocatableMemoryGiB', header: 'Allocatable memory (GiB)', value: c => gib(c.capacity.allocatable.memory) },
  { key: 'monthlyCost', header: 'Monthly cost (USD)', value: c => round2(c.monthlyCost) },
  { key: 'idleMonthly', header: 'Idle monthly (USD)', value: c => round2(c.idleMonthly) },
  { key: 'estimated', header: 'Estimated', value: c => c.estimated },
  { key: 'unpricedPools', header: 'Unpriced pools', value: c => c.unpricedPools },
];

/** What each export kind holds. */
export interface ExportData {
  pools: readonly PoolGovernance[];
  findings: ReadonlyArray<GovernanceFinding | GovernanceFindingRecord>;
  costs: readonly CostRollup[];
}

function toRows<T>(columns: ReadonlyArray<ExportColumn<T>>, data: readonly T[]): ExportRow[] {
  return data.map(item => {
    const row: ExportRow = {};
    for (const column of columns) row[column.key] = column.value(item) ?? null;
    return row;
  });
}

/**
 * The rows of an export: one object per item, keyed by column key. The
 * JSON export is these objects as they are; the CSV export writes them with
 * `toCsv` under the columns' headers.
 */
export function exportRows<K extends GovernanceExportKind>(
  kind: K,
  data: ExportData[K],
): { columns: ReadonlyArray<Pick<ExportColumn<unknown>, 'key' | 'header'>>; rows: ExportRow[] } {
  switch (kind) {
    case 'pools':
      return { columns: POOL_EXPORT_COLUMNS, rows: toRows(POOL_EXPORT_COLUMNS, data as ExportData['pools']) };
    case 'findings':
      return { columns: FINDING_EXPORT_COLUMNS, rows: toRows(FINDING_EXPORT_COLUMNS, data as ExportData['findings']) };
    default:
      return { columns: COST_EXPORT_COLUMNS, rows: toRows(COST_EXPORT_COLUMNS, data as ExportData['costs']) };
  }
}

/** The CSV text of an export. */
export function exportCsv<K extends GovernanceExportKind>(kind: K, data: ExportData[K]): string {
  const { columns, rows } = exportRows(kind, data);
  return toCsv(columns, rows);
}
