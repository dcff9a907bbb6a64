import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { PoolRequest, RequestView } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';

export interface RequestPages {
  items: PoolRequest[];
  totalCount?: number;
  loading: boolean;
  error?: Error;
  hasMore: boolean;
  loadMore(): void;
}

/** Requests of one view, newest first, a page at a time. */
export function useRequestPages(view: RequestView, pageSize: number): RequestPages {
  const api = useApi(nodePoolsApiRef);
  const [items, setItems] = useState<PoolRequest[]>([]);
  const [totalCount, setTotalCount] = useState<number>();
  const [nextOffset, setNextOffset] = useState<number | undefined>(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    (offset: number, signal?: AbortSignal) => {
      setLoading(true);
      setError(undefined);
      api.listRequests({ view, limit: pageSize, offset }, { signal }).then(
        page => {
          if (signal?.aborted) return;
          setItems(previous => (offset === 0 ? page.items : [...previous, ...page.items]));
          setTotalCount(page.totalCount);
          setNextOffset(page.nextOffset);
          setLoading(false);
        },
        e => {
          if (signal?.aborted) return;
          setError(e);
          setLoading(false);
        },
      );
    },
    [api, view, pageSize],
  );

  useEffect(() => {
    const controller = new AbortController();
    setItems([]);
    setTotalCount(undefined);
    load(0, controller.signal);
    return () => controller.abort();
  }, [load]);

  return {
    items,
    totalCount,
    loading,
    error,
    hasMore: nextOffset !== undefined,
    loadMore: () => nextOffset !== undefined && load(nextOffset),
  };
}
