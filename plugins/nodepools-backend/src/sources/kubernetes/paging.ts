import type { ConfigurationOptions } from '@kubernetes/client-node';
import { SourceHttpError, readPages, type RequestRunner, type RunOptions } from '../http';
import { withSignal } from './kubeRequest';

export interface ListPage<T> {
  items: T[];
  /** `metadata.continue` of the list; absent or empty on the last page. */
  continueToken?: string;
}

export interface PagedKubeListing<T> {
  /** For messages: `GET /api/v1/nodes`. */
  description: string;
  fetchPage(
    continueToken: string | undefined,
    options: ConfigurationOptions,
  ): Promise<ListPage<T>>;
  /** Called with each page as it arrives; the page is not kept afterwards. */
  onPage(items: T[]): void;
  /**
   * Called when the listing starts over: everything folded from earlier
   * pages belongs to an expired snapshot and must be dropped.
   */
  onRestart(): void;
}

/**
 * Reads a list in `limit`/`continue` pages through the runner, handing each
 * page to `onPage` so the caller folds it and lets it go. A continue token
 * the server no longer knows (410 Gone, after etcd compaction) restarts the
 * listing once, for a consistent snapshot; a second expiry throws, as does
 * any other failure, a repeated continue token or a listing past `maxPages`:
 * a listing that did not reach its last page is not complete.
 */
export async function listInPages<T>(
  runner: RequestRunner,
  listing: PagedKubeListing<T>,
  options: Pick<RunOptions, 'signal' | 'redact'> = {},
): Promise<void> {
  for (let restarted = false; ; restarted = true) {
    let pagedWithToken = false;
    try {
      await readPages<T>(
        runner,
        {
          operation: listing.description,
          cursorName: 'continue',
          fetchPage: async (continueToken, signal) => {
            pagedWithToken = continueToken !== undefined;
            const page = await listing.fetchPage(continueToken, withSignal(signal));
            return { items: page.items, next: page.continueToken };
          },
          onPage: items => listing.onPage(items),
        },
        options,
      );
      return;
    } catch (error) {
      const expired =
        error instanceof SourceHttpError && error.status === 410 && pagedWithToken;
      if (!expired) throw error;
      if (restarted) {
        throw new SourceHttpError(error.operation, 410, {
          code: error.code,
          message:
            'the list snapshot expired twice while paging; the listing is incomplete',
        });
      }
      listing.onRestart();
    }
  }
}
