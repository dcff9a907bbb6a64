import { useCallback } from 'react';
import { ownerReviewRouteRef } from '../routes';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/** Link to an owner's review by entity ref; undefined when the pages are not mounted. */
export function useOwnerReviewLink(): (owner: string) => string | undefined {
  const route = useOptionalRouteRef(ownerReviewRouteRef);
  return useCallback((owner: string) => route?.({ ref: encodeURIComponent(owner) }), [route]);
}
