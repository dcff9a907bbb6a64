import type { ConfigurationOptions } from '@kubernetes/client-node';
import {
  KubernetesRequestError,
  kubeRequest,
  type RequestContextOptions,
} from './kubeRequest';

export interface ListPage<T> {
  items: T[];
  /** `metadata.continue` of the list; absent or empty on the last page. */
  continueToken?: string;
}

export interface PagedListing<T> {
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
 * Reads a list in `limit`/`continue` pages, handing each page to `onPage`
 * so the caller folds it and lets it go. A continue token the server no
 * longer knows (410 Gone, after etcd compaction) restarts the listing once,
 * for a consistent snapshot; a second expiry throws, as does any other
 * failure: a listing that did not reach its last page is not complete.
 */
export async function listInPages<T>(
  listing: PagedListing<T>,
  context: RequestContextOptions,
): Promise<void> {
  let restarted = false;
  let continueToken: string | undefined;
  for (;;) {
    let page: ListPage<T>;
    try {
      const token = continueToken;
      page = await kubeRequest(
        listing.description,
        options => listing.fetchPage(token, options),
        context,
      );
    } catch (error) {
      const expired =
        error instanceof KubernetesRequestError &&
        error.status === 410 &&
        continueToken !== undefined;
      if (!expired) throw error;
      if (restarted) {
        throw new KubernetesRequestError(
          `${listing.description}: the list snapshot expired twice while paging (410 Gone); the listing is incomplete`,
          { status: 410, reason: error.reason, retryable: false },
        );
      }
      restarted = true;
      continueToken = undefined;
      listing.onRestart();
      continue;
    }
    listing.onPage(page.items);
    if (!page.continueToken) return;
    continueToken = page.continueToken;
  }
}
