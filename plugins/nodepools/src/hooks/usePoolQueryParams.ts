import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { PoolQuery } from '@nodepools/plugin-nodepools-common';
import {
  poolQueryFromSearchParams,
  poolQueryKey,
  poolQueryToSearchParams,
  withoutPaging,
} from '../lib/poolQuery';

/**
 * The pool list's filters and sort, kept in the page URL so that a link
 * reproduces the view and the back button undoes a filter change.
 */
export function usePoolQueryParams(): [
  PoolQuery,
  (next: PoolQuery, options?: { replace?: boolean }) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();
  // Parsed once per distinct URL so the object is stable across renders.
  const query = useMemo(
    () => poolQueryFromSearchParams(new URLSearchParams(key)),
    [key],
  );
  const setQuery = useCallback(
    (next: PoolQuery, options?: { replace?: boolean }) => {
      const view = withoutPaging(next);
      if (poolQueryKey(view) === poolQueryKey(query)) return;
      setSearchParams(poolQueryToSearchParams(view), {
        replace: options?.replace,
      });
    },
    [query, setSearchParams],
  );
  return [query, setQuery];
}
