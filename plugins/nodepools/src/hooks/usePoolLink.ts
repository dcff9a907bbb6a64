import { useCallback, useMemo } from 'react';
import { poolRouteRef, poolsRouteRef } from '../routes';
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
  const listRoute = useOptionalRouteRef(poolsRouteRef);
  return useMemo(() => {
    if (!listRoute) return undefined;
    return (search?: URLSearchParams) => {
      const query = search?.toString();
      return query ? `${listRoute()}?${query}` : listRoute();
    };
  }, [listRoute]);
}
