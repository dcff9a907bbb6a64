import { useCallback } from 'react';
import { triageRouteRef } from '../routes';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/** Link to a cluster's pending-pod triage; undefined when the page is not mounted. */
export function useTriageLink(): (cluster: string) => string | undefined {
  const triageRoute = useOptionalRouteRef(triageRouteRef);
  return useCallback(
    (cluster: string) =>
      triageRoute && `${triageRoute()}?${new URLSearchParams({ cluster })}`,
    [triageRoute],
  );
}
