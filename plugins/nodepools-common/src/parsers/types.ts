import { formatImportIssue, type ImportIssue } from '../model/sources';
import type { PoolSpec } from '../model/pool';

/**
 * What the caller knows about an export that the export may not say itself:
 * a DOKS or Karpenter listing does not name its cluster, an EKS record may not
 * carry its account. Values found in the record win over these.
 */
export interface ExportContext {
  /** File name (or source id) used in error messages. */
  file?: string;
  cluster?: string;
  region?: string;
  account?: string;
  /**
   * The export's format, for files whose shape is not recognized (a `--query`
   * projection): one of EXPORT_FORMATS. Unset: recognized by shape.
   */
  format?: string;
  /**
   * Receives what an item parser read leniently (an identifier it could not
   * take apart, a value it does not know): the pool is still made, the raw
   * record keeps the value. Called only for items that parse.
   */
  onWarning?: (warning: ImportIssue) => void;
}

/**
 * The export formats `parseExport` reads, by the names `format:` in config and
 * `--format` on the command line use.
 */
export const EXPORT_FORMATS = [
  'eks',
  'karpenter',
  'gke',
  'aks-arm',
  'aks-cli',
  'doks',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

export interface ParsedExport {
  format: ExportFormat;
  pools: PoolSpec[];
  /** Fields read leniently, each with its item and field (`severity: 'warning'`). */
  warnings: ImportIssue[];
}

/** A field of one provider record that cannot be read. */
export class ItemFieldError extends Error {
  readonly field?: string;
  constructor(field: string | undefined, message: string) {
    super(message);
    this.name = 'ItemFieldError';
    this.field = field;
  }
}

/**
 * Several unreadable fields of one record, reported together so one run tells
 * the user everything to fix. `field` is unset; `problems` lists each field.
 */
export class ItemFieldErrors extends ItemFieldError {
  readonly problems: ItemFieldError[];
  constructor(problems: ItemFieldError[]) {
    super(
      undefined,
      problems
        .map(p => (p.field ? `field '${p.field}': ${p.message}` : p.message))
        .join('; '),
    );
    this.name = 'ItemFieldErrors';
    this.problems = problems;
  }
}

/** Maps one provider record to a pool, or throws ItemFieldError naming the field. */
export type ItemParser = (item: unknown, ctx: ExportContext) => PoolSpec;

/**
 * An export that cannot be imported. Carries every problem found, so one run
 * tells the user all they must fix; no pool of the file is kept.
 */
export class ExportParseError extends Error {
  readonly issues: ImportIssue[];
  constructor(issues: ImportIssue[]) {
    super(
      issues.length === 1
        ? formatImportIssue(issues[0])
        : `${issues.length} problems: ${issues.map(formatImportIssue).join('; ')}`,
    );
    this.name = 'ExportParseError';
    this.issues = issues;
  }
}

