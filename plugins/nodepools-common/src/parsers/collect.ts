import type { PoolSpec } from '../model/pool';
import type { ImportIssue } from '../model/sources';
import {
  ExportParseError,
  ItemFieldError,
  ItemFieldErrors,
  type ExportContext,
  type ItemParser,
} from './types';

/** One record of an export, with its position in the file (for messages). */
export interface IndexedItem {
  index: number;
  value: unknown;
}

function toIssue(
  ctx: ExportContext,
  index: number,
  error: ItemFieldError,
): ImportIssue {
  return {
    ...(ctx.file !== undefined ? { file: ctx.file } : {}),
    index,
    ...(error.field !== undefined ? { field: error.field } : {}),
    message: error.message,
  };
}

/** The context for one item: its warnings gain the file and the item's position. */
function itemContext(ctx: ExportContext, index: number): ExportContext {
  const onWarning = ctx.onWarning;
  if (!onWarning) return ctx;
  return {
    ...ctx,
    onWarning: warning =>
      onWarning({
        ...(ctx.file !== undefined ? { file: ctx.file } : {}),
        index,
        ...warning,
      }),
  };
}

/**
 * Runs a record reader over every item, so that one pass finds every problem
 * of every item; throws them all as one ExportParseError, keeping nothing of a
 * file that has any. Errors other than ItemFieldError are bugs and propagate.
 * Warnings reach `ctx.onWarning` with the item's position.
 */
export function collectItems<T>(
  items: readonly IndexedItem[],
  read: (item: unknown, ctx: ExportContext) => T,
  ctx: ExportContext,
): T[] {
  const results: T[] = [];
  const issues: ImportIssue[] = [];
  for (const { index, value } of items) {
    try {
      results.push(read(value, itemContext(ctx, index)));
    } catch (error) {
      if (error instanceof ItemFieldErrors) {
        issues.push(...error.problems.map(p => toIssue(ctx, index, p)));
      } else if (error instanceof ItemFieldError) {
        issues.push(toIssue(ctx, index, error));
      } else {
        throw error;
      }
    }
  }
  if (issues.length) throw new ExportParseError(issues);
  return results;
}

/**
 * Maps every record of a cloud answer with one provider's item parser, all or
 * nothing: throws ExportParseError listing each bad item's index and fields.
 */
export function parseItems(
  items: readonly unknown[],
  parser: ItemParser,
  ctx: ExportContext,
): PoolSpec[] {
  return collectItems(
    items.map((value, index) => ({ index, value })),
    parser,
    ctx,
  );
}
