import type { Config } from '@backstage/config';

const KEY = 'nodepools.listing.cacheMb';
const DEFAULT_MB = 32;

/**
 * Bytes of assembled pages (and facets) a replica keeps, from
 * `nodepools.listing.cacheMb`; 0 assembles every answer.
 */
export function readListingCacheBytes(config: Config): number {
  const mb = config.getOptionalNumber(KEY) ?? DEFAULT_MB;
  if (!Number.isFinite(mb) || mb < 0) {
    throw new Error(`Invalid number at '${KEY}': expected 0 or more megabytes, got ${mb}`);
  }
  return Math.round(mb * 1024 * 1024);
}
