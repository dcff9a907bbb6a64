import { createHash } from 'node:crypto';
import {
  DesiredReadError,
  readDesired,
  type DesiredContext,
} from '@nodepools/plugin-nodepools-common';
import type { DesiredStateListing } from './types';

/**
 * What a configured state, object or manifest cannot say about itself:
 * its cluster, region and account (`override`: these win over the file's).
 */
export interface DesiredEntry {
  cluster?: string;
  region?: string;
  account?: string;
  override?: boolean;
}

/** Where a scope is and how it is shown. */
export interface ScopePlace {
  scope: string;
  /** The file path or URL, named in errors and shown as each pool's origin. */
  location: string;
}

/** A version for sources whose reads carry none: the content's hash. */
export function contentVersion(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function unchangedListing(place: ScopePlace, version: string): DesiredStateListing {
  return { ...place, complete: true, unchanged: true, version, pools: [] };
}

/** What a read conditional on the version held gives: the text, or "not modified". */
export type ConditionalRead = { notModified: true } | { notModified: false; text: string; etag?: string };

/**
 * The listing of a scope read conditionally on `previous` (an object
 * store's ETag): unchanged on "not modified", failed when the read fails
 * (unless the run was stopped), else what the text declares.
 */
export async function conditionalListing(
  place: ScopePlace,
  previous: string | undefined,
  entry: DesiredEntry,
  signal: AbortSignal | undefined,
  read: () => Promise<ConditionalRead>,
): Promise<DesiredStateListing> {
  let result: ConditionalRead;
  try {
    result = await read();
  } catch (error) {
    if (signal?.aborted) throw error;
    return failedListing(place, (error as Error).message);
  }
  if (result.notModified) return unchangedListing(place, previous!);
  return listingFromText(result.text, place, entry, result.etag);
}

/** A scope that could not be read; the message names the location, never a body. */
export function failedListing(place: ScopePlace, message: string): DesiredStateListing {
  return { ...place, complete: false, pools: [], error: `${place.location}: ${message}` };
}

/**
 * Reads what a downloaded state, eksctl config or manifest declares.
 * Only whitelisted pool attributes leave the readers; a bad file becomes
 * an incomplete listing whose error names the location, the resource
 * address or document, and the field.
 */
export function listingFromText(
  text: string,
  place: ScopePlace,
  entry: DesiredEntry,
  version: string = contentVersion(text),
): DesiredStateListing {
  const ctx: DesiredContext = { source: place.location, ...entry };
  try {
    const read = readDesired(text, ctx);
    return {
      ...place,
      complete: true,
      version,
      pools: read.pools,
      clusters: read.clusters,
      notes: read.notes,
    };
  } catch (error) {
    if (!(error instanceof DesiredReadError)) throw error;
    return { ...place, complete: false, pools: [], error: error.message, issues: error.issues };
  }
}
