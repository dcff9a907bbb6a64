import { useCallback, useMemo } from 'react';
import { poolRouteRef, rootRouteRef } from '../routes';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/** Link to a pool's page by the pool's ref; undefined when the page is not mounted. */
export function usePoolLink(): (ref: string) => string | undefined {
  const poolRoute = useOptionalRouteRef(poolRouteRef);
  return useCallback(
    (ref: string) => poolRoute?.({ ref: encodeURIComponent(ref) }),
    [poolRoute],
  );
}

/** Link to the pool list showing a view; undefined when the page is not mounted. */
export function usePoolListLink():
  | ((search?: URLSearchParams) => string)
  | undefined {
  const rootRoute = useOptionalRouteRef(rootRouteRef);
  return useMemo(() => {
    if (!rootRoute) return undefined;
    return (search?: URLSearchParams) => {
      const query = search?.toString();
      return query ? `${rootRoute()}?${query}` : rootRoute();
    };
  }, [rootRoute]);
}
