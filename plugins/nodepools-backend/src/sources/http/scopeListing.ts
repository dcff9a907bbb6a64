import {
  ItemFieldError,
  ItemFieldErrors,
  formatImportIssue,
  type ExportContext,
  type ImportIssue,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import type { ScopeListing } from '../types';
import { SourceRequestError, describeThrown } from './errors';
import { mapAll, mapSettled } from './limiter';

/** A provider record and its zero-based position in the scope's listing. */
export interface IndexedRecord {
  index: number;
  item: unknown;
}

/**
 * Reads records with a parser (an ItemParser, or any reader of one record).
 * A record the parser rejects becomes one issue per unreadable field, naming
 * the record's index and the field; the other records are still read. What a
 * parser read leniently comes back as warnings, which leave the scope whole.
 */
export function parseRecords<T = PoolSpec>(
  records: readonly IndexedRecord[],
  parse: (item: unknown, context: ExportContext) => T,
  context: ExportContext,
): { parsed: T[]; issues: ImportIssue[]; warnings: ImportIssue[] } {
  const parsed: T[] = [];
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  for (const { index, item } of records) {
    const itemWarnings: ImportIssue[] = [];
    const itemContext: ExportContext = {
      ...context,
      onWarning: warning => itemWarnings.push(warning),
    };
    try {
      parsed.push(parse(item, itemContext));
      for (const warning of itemWarnings) {
        warnings.push({ ...warning, file: context.file, index, severity: 'warning' });
      }
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
  return { parsed, issues, warnings };
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
  /** What was read leniently: listed with the issues, never making the scope incomplete. */
  warnings?: ImportIssue[];
  /** Messages of failed calls, in the order they happened. */
  failures?: string[];
}): ScopeListing {
  const errors = input.issues ?? [];
  const issues = [...errors, ...(input.warnings ?? [])];
  const problems = [...(input.failures ?? []), ...errors.map(formatImportIssue)];
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

/** Where a scope's reader puts what it read, and the calls that failed. */
export interface ScopeRecords {
  /** Records in listing order; their position names them in import issues. */
  add(items: readonly unknown[]): void;
  /**
   * A call that failed without ending the scope (one description of many):
   * the scope will be incomplete. Anything but a SourceRequestError, or any
   * failure once the sync is aborted, is thrown on.
   */
  fail(error: unknown): void;
}

/**
 * The listing of one scope, from a reader that fetches its records (paged,
 * described one by one, however the API wants). A SourceRequestError ends
 * the reading and makes the scope incomplete, keeping the records read so
 * far; every record is parsed, a record that does not parse is an issue.
 * `toPools` turns what was parsed into pools, knowing whether the whole
 * scope was read (AKS needs that to tell a cluster's only pool).
 */
export async function readScope<T = PoolSpec>(input: {
  scope: string;
  context: ExportContext;
  signal?: AbortSignal;
  parse: (item: unknown, context: ExportContext) => T;
  read: (records: ScopeRecords) => Promise<void>;
  toPools?: (parsed: T[], whole: boolean) => PoolSpec[];
}): Promise<ScopeListing> {
  const records: IndexedRecord[] = [];
  const failures: string[] = [];
  const fail = (error: unknown) => {
    if (input.signal?.aborted || !(error instanceof SourceRequestError)) throw error;
    failures.push(error.message);
  };
  try {
    await input.read({
      add: items => {
        for (const item of items) records.push({ index: records.length, item });
      },
      fail,
    });
  } catch (error) {
    fail(error);
  }
  const { parsed, issues, warnings } = parseRecords(records, input.parse, input.context);
  const whole = failures.length === 0 && issues.length === 0;
  const pools = input.toPools
    ? input.toPools(parsed, whole)
    : (parsed as unknown as PoolSpec[]);
  return buildScopeListing({ scope: input.scope, pools, issues, warnings, failures });
}

/**
 * Describes each listed name with at most `concurrency` calls in flight and
 * adds the descriptions in listing order. A description that comes back
 * `undefined` is of something deleted since the listing: it is gone, which
 * a complete listing may say. A failed one makes the scope incomplete.
 */
export async function describeEach(
  names: readonly string[],
  concurrency: number,
  describe: (name: string) => Promise<unknown>,
  records: ScopeRecords,
): Promise<void> {
  const described = await mapSettled(names, concurrency, describe);
  for (const result of described) {
    if (result.status === 'rejected') records.fail(result.reason);
    else if (result.value !== undefined) records.add([result.value]);
  }
}

/**
 * Every scope of a source: the scopes of each group (region, project,
 * subscription) are enumerated, then listed with at most `concurrency` at
 * once. An enumeration that fails fails the whole call, as the source
 * cannot say which scopes it has; a scope that fails is only incomplete.
 * With `includeScope` (a shard of the source), only the scopes whose key
 * it accepts are listed.
 */
export async function listScopes<G, S>(input: {
  groups: readonly G[];
  enumerate: (group: G) => Promise<S[]>;
  keep?: (scope: S) => boolean;
  /** The key the scope's listing will carry. */
  scopeKey: (scope: S) => string;
  includeScope?: (key: string) => boolean;
  concurrency: number;
  listScope: (scope: S) => Promise<ScopeListing>;
}): Promise<ScopeListing[]> {
  const { keep, includeScope, scopeKey } = input;
  const perGroup = await mapAll(input.groups, input.groups.length, input.enumerate);
  const scopes = perGroup
    .flat()
    .filter(scope => (!keep || keep(scope)) && (!includeScope || includeScope(scopeKey(scope))));
  return mapAll(scopes, input.concurrency, input.listScope);
}
