import { useCallback } from 'react';
import {
  clusterOfPool,
  clusterRef,
  type ClusterIdentity,
} from '@nodepools/plugin-nodepools-common';
import { triageRouteRef } from '../routes';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/**
 * Link to the pending-pod triage of a pool's cluster, by cluster ref (a name
 * alone may mean several clusters); undefined when the page is not mounted.
 */
export function useTriageLink(): (cluster: ClusterIdentity) => string | undefined {
  const triageRoute = useOptionalRouteRef(triageRouteRef);
  return useCallback(
    (cluster: ClusterIdentity) =>
      triageRoute &&
      `${triageRoute()}?${new URLSearchParams({ cluster: clusterRef(clusterOfPool(cluster)) })}`,
    [triageRoute],
  );
}
