import type { CostQuery, FindingQuery, GovernancePoolQuery } from '@nodepools/plugin-nodepools-common';

/** The multi-valued filters of the governance endpoints, each sent as a repeated parameter. */
const LIST_KEYS = ['rule', 'severity', 'owner', 'cluster', 'pool', 'provider'] as const;

type AnyGovernanceQuery = FindingQuery & CostQuery & GovernancePoolQuery;

/**
 * Writes a findings, costs or pools query as search parameters, repeating
 * multi-valued filters as `GET /pools` does. The same names serve the page's
 * own URL, so a shared link reproduces the API call.
 */
export function governanceQueryToSearchParams(query: AnyGovernanceQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) {
    for (const value of query[key] ?? []) params.append(key, value);
  }
  if (query.state) params.set('state', query.state);
  if (query.groupBy) params.set('groupBy', query.groupBy);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params;
}

/** `?a=1` or nothing. */
export function searchSuffix(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The file name of a `content-disposition: attachment; filename="..."` header. */
export function attachmentFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed encoding: fall through to the plain name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}
