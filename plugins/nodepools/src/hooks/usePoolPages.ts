import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_PAGE_SIZE,
  type PoolListItem,
  type PoolQuery,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../api';
import { poolQueryKey } from '../lib/poolQuery';

export interface PoolPages {
  /** Every pool of the pages loaded so far, in the server's order. */
  items: PoolListItem[];
  /** Pools matching the query on the server; undefined until the first page. */
  totalCount?: number;
  hasMore: boolean;
  loading: boolean;
  error?: Error;
  /** Fetches the next page, or retries the page that failed. */
  loadMore(): void;
}

interface State {
  items: PoolListItem[];
  totalCount?: number;
  nextCursor?: string;
  loading: boolean;
  error?: Error;
}

function appendPage(items: PoolListItem[], page: PoolListItem[]): PoolListItem[] {
  // Pools can move between pages while the user pages (a sync renamed or
  // re-sorted them); show each one once.
  const seen = new Set(items.map(pool => pool.ref));
  return items.concat(page.filter(pool => !seen.has(pool.ref)));
}

/**
 * Server-side paging through `GET /pools`: the first page loads when the
 * query changes, later pages on demand. Only loaded pages are held, so the
 * list stays light however large the inventory is.
 */
export function usePoolPages(
  query: PoolQuery,
  pageSize: number = DEFAULT_PAGE_SIZE,
): PoolPages {
  const api = useApi(nodePoolsApiRef);
  const key = `${poolQueryKey(query)}#${pageSize}`;
  const [state, setState] = useState<State>({ items: [], loading: true });
  const queryRef = useRef(query);
  queryRef.current = query;
  // Answers for an older query are dropped: only the current request may write.
  const requestRef = useRef<AbortController>();

  const fetchPage = useCallback(
    (cursor: string | undefined) => {
      requestRef.current?.abort();
      const request = new AbortController();
      requestRef.current = request;
      setState(prev => ({ ...prev, loading: true, error: undefined }));
      api
        .listPools(
          { ...queryRef.current, limit: pageSize, cursor },
          { signal: request.signal },
        )
        .then(
          page => {
            if (requestRef.current !== request) return;
            setState(prev => ({
              items: cursor ? appendPage(prev.items, page.items) : page.items,
              totalCount: page.totalCount,
              nextCursor: page.nextCursor,
              loading: false,
            }));
          },
          error => {
            if (requestRef.current !== request) return;
            setState(prev => ({ ...prev, loading: false, error }));
          },
        );
    },
    [api, pageSize],
  );

  useEffect(() => {
    setState({ items: [], loading: true });
    fetchPage(undefined);
    return () => requestRef.current?.abort();
  }, [key, fetchPage]);

  const { items, totalCount, nextCursor, loading, error } = state;
  const loadMore = useCallback(() => {
    if (loading) return;
    // After a failed first page there is no cursor: retry from the start.
    if (nextCursor || items.length === 0) fetchPage(nextCursor);
  }, [loading, nextCursor, items.length, fetchPage]);

  return {
    items,
    totalCount,
    hasMore: nextCursor !== undefined,
    loading,
    error,
    loadMore,
  };
}
