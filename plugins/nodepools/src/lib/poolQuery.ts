import {
  POOL_SORT_FIELDS,
  type PoolQuery,
  type PoolSortField,
} from '@nodepools/plugin-nodepools-common';

/** The multi-valued filters of `GET /pools`, each sent as a repeated parameter. */
export const POOL_FILTER_KEYS = [
  'provider',
  'cluster',
  'region',
  'owner',
  'mode',
  'capacityType',
] as const;
export type PoolFilterKey = (typeof POOL_FILTER_KEYS)[number];

/**
 * Writes a query as search parameters. The same names serve the API request
 * and the page's own URL, so a shared link reproduces the API call.
 */
export function poolQueryToSearchParams(query: PoolQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of POOL_FILTER_KEYS) {
    for (const value of query[key] ?? []) {
      params.append(key, value);
    }
  }
  if (query.q) params.set('q', query.q);
  if (query.sort) params.set('sort', query.sort);
  if (query.order) params.set('order', query.order);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.includeTombstoned) params.set('includeTombstoned', 'true');
  return params;
}

function isSortField(value: string | null): value is PoolSortField {
  return (POOL_SORT_FIELDS as readonly (string | null)[]).includes(value);
}

/**
 * Reads the view a URL describes. Unknown sort fields and orders are dropped
 * rather than sent on, so a hand-edited link still opens a working page.
 * Paging (`cursor`, `limit`) is not part of a view and is ignored.
 */
export function poolQueryFromSearchParams(params: URLSearchParams): PoolQuery {
  const query: PoolQuery = {};
  for (const key of POOL_FILTER_KEYS) {
    const values = [...new Set(params.getAll(key).filter(v => v !== ''))];
    if (values.length) query[key] = values;
  }
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  const sort = params.get('sort');
  if (isSortField(sort)) query.sort = sort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') query.order = order;
  if (params.get('includeTombstoned') === 'true') query.includeTombstoned = true;
  return query;
}

/** A stable string for a query, to tell whether two views are the same. */
export function poolQueryKey(query: PoolQuery): string {
  return poolQueryToSearchParams(query).toString();
}

/** The view part of a query: everything but the paging. */
export function withoutPaging(query: PoolQuery): PoolQuery {
  const view = { ...query };
  delete view.cursor;
  delete view.limit;
  return view;
}
