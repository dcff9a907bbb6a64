import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MAX_PAGE_SIZE,
  MAX_POOLS_BY_REF,
  type ListResponse,
  type PoolListItem,
  type PoolChangesResponse,
  type PoolPage,
} from '@nodepools/plugin-nodepools-common';

/** Changes read per request of the change feed. */
const CHANGES_PAGE = 1000;

/** The change feed could not serve the cursor: every pool must be read again. */
export class FeedGoneError extends Error {
  readonly name = 'FeedGoneError';
}

/**
 * Reads the nodepools backend over HTTP, as the catalog plugin (a catalog
 * module cannot read another plugin's database): every live pool, the
 * change feed of their history, and pools by ref.
 */
export class NodePoolsReader {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const [baseUrl, { token }] = await Promise.all([
      this.discovery.getBaseUrl('nodepools'),
      this.auth.getPluginRequestToken({
        onBehalfOf: await this.auth.getOwnServiceCredentials(),
        targetPluginId: 'nodepools',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });
    if (response.status === 410) {
      const body = await response.json().catch(() => undefined);
      throw new FeedGoneError(body?.error?.message ?? 'the change feed no longer has these changes');
    }
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  /** Every live pool the query matches, page by page. */
  async listPools(query: URLSearchParams): Promise<PoolListItem[]> {
    const pools: PoolListItem[] = [];
    let cursor: string | undefined;
    do {
      const params = new URLSearchParams(query);
      params.set('limit', String(MAX_PAGE_SIZE));
      params.set('sort', 'name');
      if (cursor) params.set('cursor', cursor);
      const page = await this.request<PoolPage>(`/pools?${params}`);
      pools.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return pools;
  }

  /** The newest history id: where a reader that reads every pool now starts. */
  async latestChange(): Promise<number> {
    return (await this.request<PoolChangesResponse>('/pools/changes')).latest;
  }

  /**
   * The refs of the pools changed after `after`, and the id to read from
   * next time. Throws `FeedGoneError` when the feed cannot serve `after`.
   */
  async changedRefs(after: number): Promise<{ refs: Set<string>; latest: number }> {
    const refs = new Set<string>();
    let cursor = after;
    for (;;) {
      const page = await this.request<PoolChangesResponse>(
        `/pools/changes?after=${cursor}&limit=${CHANGES_PAGE}`,
      );
      for (const change of page.items) refs.add(change.ref);
      cursor = page.items.length ? page.items[page.items.length - 1].id : cursor;
      if (page.items.length < CHANGES_PAGE) return { refs, latest: cursor };
    }
  }

  /** Pools by ref, tombstoned ones included; refs the backend does not hold are left out. */
  async poolsByRef(refs: string[]): Promise<PoolListItem[]> {
    const pools: PoolListItem[] = [];
    for (let i = 0; i < refs.length; i += MAX_POOLS_BY_REF) {
      const page = await this.request<ListResponse<PoolListItem>>('/pools/by-ref', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refs: refs.slice(i, i + MAX_POOLS_BY_REF) }),
      });
      pools.push(...page.items);
    }
    return pools;
  }
}
