import { SourceResponseError } from './errors';
import type { RequestRunner, RunOptions } from './RequestRunner';

/** One page of a listing and the cursor of the next; no cursor on the last page. */
export interface Page<T, C> {
  items: T[];
  next?: C | null;
}

/** A listing read page by page, whatever the API calls its cursor. */
export interface PagedListing<T, C = string> {
  /** Names the listing in errors; each page is `<operation> (page N)`. */
  operation: string;
  /** The API's name of the cursor, for errors: `nextToken`, `'nextLink'`, `continue`. */
  cursorName: string;
  /** The first page's cursor, when the first page has one (a URL). */
  first?: C;
  fetchPage(cursor: C | undefined, signal: AbortSignal, pageOperation: string): Promise<Page<T, C>>;
  /** Receives each page as it arrives, with the position of its first item. */
  onPage(items: T[], offset: number, pageOperation: string): void;
  /** Rejects a next cursor that must not be followed (a link to another host). */
  checkNext?(next: C, pageOperation: string): void;
  /** Compares cursors by this key; their text by default. */
  cursorKey?(cursor: C): string;
}

/**
 * Reads a listing page by page, each page one call of the runner (retried,
 * timed out, rate limited), handing each page on before the next is asked
 * for. It fails, leaving the pages already handed on with the caller, when a
 * page fails, when the server hands out a cursor it handed out before (it
 * would loop), or when the listing runs past the runner's `maxPages`.
 */
export async function readPages<T, C = string>(
  runner: RequestRunner,
  listing: PagedListing<T, C>,
  options: RunOptions = {},
): Promise<void> {
  const key = listing.cursorKey ?? ((cursor: C) => String(cursor));
  const seen = new Set<string>();
  let cursor = listing.first;
  if (cursor !== undefined) seen.add(key(cursor));
  let offset = 0;
  for (let page = 1; ; page++) {
    const pageOperation = `${listing.operation} (page ${page})`;
    const current = cursor;
    const result = await runner.run(
      pageOperation,
      signal => listing.fetchPage(current, signal, pageOperation),
      options,
    );
    listing.onPage(result.items, offset, pageOperation);
    offset += result.items.length;
    const next = result.next;
    if (next === undefined || next === null || next === '') return;
    listing.checkNext?.(next, pageOperation);
    if (seen.has(key(next))) {
      throw new SourceResponseError(
        pageOperation,
        `${listing.cursorName} repeats an earlier page; the listing is incomplete`,
      );
    }
    if (page >= runner.policy.maxPages) {
      throw new SourceResponseError(
        pageOperation,
        `more pages than maxPages (${runner.policy.maxPages}); the listing is incomplete`,
      );
    }
    seen.add(key(next));
    cursor = next;
  }
}
