import {
  useRouteRef,
  type AnyParams,
  type RouteFunc,
  type RouteRef,
  type SubRouteRef,
} from '@backstage/core-plugin-api';

/**
 * `useRouteRef`, but undefined when the app has not mounted the route: the
 * entity card works without the nodepools page, and the pool cards without
 * the catalog. `useRouteRef` throws only after its own hooks ran, so the
 * hook order stays the same on every render.
 */
export function useOptionalRouteRef<Params extends AnyParams>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
