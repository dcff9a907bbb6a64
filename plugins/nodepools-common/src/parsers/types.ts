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
}

/** The export formats `parseExport` recognizes. */
export const EXPORT_FORMATS = [
  'eks-nodegroup',
  'karpenter-nodepool',
  'gke-nodepool',
  'aks-agentpool-arm',
  'aks-agentpool-cli',
  'doks-node-pool',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ParsedExport {
  format: ExportFormat;
  pools: PoolSpec[];
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

