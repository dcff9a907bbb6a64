import { createHash } from 'node:crypto';
import { stableJson } from '../stableJson';
import type { ListingVersion } from './listingVersion';

/**
 * How long a listed page may be answered from its tag or the page cache
 * while nothing listed changed. Within it a page's `lastSeenAt` may lag the
 * latest no-change resync and a time-based stale mark may come late; the
 * tag changes with the next interval.
 */
export const LISTING_INTERVAL_MS = 60_000;

/**
 * A weak tag: the store's change counter, the interval, and what was asked
 * (the query, with any restriction the caller added). Weak, because the
 * same listing is sent compressed or not.
 */
export function listingTag(
  version: ListingVersion,
  now: Date,
  what: string,
  query: unknown,
): string {
  const asked = createHash('sha1').update(`${what}:${stableJson(query)}`).digest('base64url');
  const interval = Math.floor(now.getTime() / LISTING_INTERVAL_MS);
  return `W/"${version.epoch}.${version.version}.${interval}.${asked.slice(0, 16)}"`;
}

/** Whether an `If-None-Match` header names this tag (weak comparison, `*` included). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some(tag => tag.trim() === '*' || opaque(tag) === wanted);
}
