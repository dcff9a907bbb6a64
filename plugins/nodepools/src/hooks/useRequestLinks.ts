import { useCallback } from 'react';
import {
  newRequestRouteRef,
  requestApprovalsRouteRef,
  requestRouteRef,
  requestsRouteRef,
} from '../routes';
import type { RequestDraft } from '../lib/requestDraft';
import { draftToSearch } from '../lib/requestPrefill';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/** Link to a request's page; undefined when the pages are not mounted. */
export function useRequestLink(): (id: string) => string | undefined {
  const route = useOptionalRouteRef(requestRouteRef);
  return useCallback((id: string) => route?.({ id: encodeURIComponent(id) }), [route]);
}

/** Link to the request form, prefilled with a draft; undefined when the pages are not mounted. */
export function useNewRequestLink(): (draft?: RequestDraft) => string | undefined {
  const route = useOptionalRouteRef(newRequestRouteRef);
  return useCallback(
    (draft?: RequestDraft) => {
      if (!route) return undefined;
      const search = draft ? draftToSearch(draft).toString() : '';
      return search ? `${route()}?${search}` : route();
    },
    [route],
  );
}

/** Link to the form editing a draft; undefined when the pages are not mounted. */
export function useEditRequestLink(): (id: string) => string | undefined {
  const route = useOptionalRouteRef(newRequestRouteRef);
  return useCallback((id: string) => route && `${route()}?${new URLSearchParams({ request: id })}`, [route]);
}

/** Links to the lists of requests: the user's own and those awaiting their approval. */
export function useRequestListLinks(): { mine?: string; approvals?: string } {
  const mine = useOptionalRouteRef(requestsRouteRef);
  const approvals = useOptionalRouteRef(requestApprovalsRouteRef);
  return { mine: mine?.(), approvals: approvals?.() };
}
