/** Joins URL path segments, each percent-encoded: pool and cluster names are user input. */
export function segments(...parts: string[]): string {
  return parts.map(encodeURIComponent).join('/');
}

/** A query string from the given parameters, leaving out undefined ones. */
export function query(params: Record<string, string | undefined>): string {
  const pairs = Object.entries(params).filter((pair): pair is [string, string] => pair[1] !== undefined);
  return pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
}
