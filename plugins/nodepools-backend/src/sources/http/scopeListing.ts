import {
  ItemFieldError,
  ItemFieldErrors,
  formatImportIssue,
  type ExportContext,
  type ImportIssue,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import type { ScopeListing } from '../types';
import { describeThrown } from './errors';

/** A provider record and its zero-based position in the scope's listing. */
export interface IndexedRecord {
  index: number;
  item: unknown;
}

/**
 * Provider records, once through JSON: SDK dates become ISO strings and
 * absent optional fields disappear, so `raw` is what an export would hold
 * and compares equal between syncs.
 */
export function toPlainRecord(item: unknown): unknown {
  return item === undefined ? undefined : JSON.parse(JSON.stringify(item));
}

/**
 * Reads records with a parser (an ItemParser, or any reader of one record).
 * A record the parser rejects becomes one issue per unreadable field, naming
 * the record's index and the field; the other records are still read.
 */
export function parseRecords<T = PoolSpec>(
  records: readonly IndexedRecord[],
  parse: (item: unknown, context: ExportContext) => T,
  context: ExportContext,
): { parsed: T[]; issues: ImportIssue[] } {
  const parsed: T[] = [];
  const issues: ImportIssue[] = [];
  for (const { index, item } of records) {
    try {
      parsed.push(parse(item, context));
    } catch (error) {
      const problems = error instanceof ItemFieldErrors ? error.problems : [error];
      for (const problem of problems) {
        issues.push({
          file: context.file,
          index,
          field: problem instanceof ItemFieldError ? problem.field : undefined,
          message: describeThrown(problem),
        });
      }
    }
  }
  return { parsed, issues };
}

/**
 * The listing of one scope. It is complete only when every call succeeded
 * and every record was read; otherwise `error` says what went wrong first
 * and how many other things did.
 */
export function buildScopeListing(input: {
  scope: string;
  pools: PoolSpec[];
  issues?: ImportIssue[];
  /** Messages of failed calls, in the order they happened. */
  failures?: string[];
}): ScopeListing {
  const issues = input.issues ?? [];
  const problems = [...(input.failures ?? []), ...issues.map(formatImportIssue)];
  const listing: ScopeListing = {
    scope: input.scope,
    complete: problems.length === 0,
    pools: input.pools,
  };
  if (problems.length > 0) {
    listing.error =
      problems.length === 1
        ? problems[0]
        : `${problems[0]} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`;
  }
  if (issues.length > 0) listing.issues = issues;
  return listing;
}
