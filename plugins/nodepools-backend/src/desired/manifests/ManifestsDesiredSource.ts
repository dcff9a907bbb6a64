import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readDesiredEntry } from '../config';
import {
  contentVersion,
  failedListing,
  listingFromText,
  unchangedListing,
  type DesiredEntry,
} from '../listing';
import type { DesiredStateListing, DesiredStateSource } from '../types';

/** A manifest (or kustomize build output) at a URL, and the cluster its NodePools are applied to. */
export interface ManifestEntry extends DesiredEntry {
  url: string;
  cluster: string;
}

/** Reads `nodepools.desired.manifests`. */
export function readManifestEntries(config: Config): ManifestEntry[] {
  return (config.getOptionalConfigArray('nodepools.desired.manifests') ?? []).map(block => ({
    ...readDesiredEntry(block),
    url: block.getString('url'),
    cluster: block.getString('cluster'),
  }));
}

const ETAG = 'etag:';

/**
 * Karpenter NodePool manifests in Git (or anywhere Backstage's URL reader
 * and its SCM integrations reach), re-read with the ETag of the last
 * complete read: an unchanged file is not downloaded or parsed.
 */
export class ManifestsDesiredSource implements DesiredStateSource {
  readonly id = 'desired-manifests';
  readonly kind = 'manifests';
  readonly target: string;

  constructor(
    private readonly entries: ManifestEntry[],
    private readonly reader: UrlReaderService,
  ) {
    this.target = `${entries.length} manifest URL${entries.length === 1 ? '' : 's'}`;
  }

  async list(options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> }): Promise<DesiredStateListing[]> {
    return Promise.all(this.entries.map(entry => this.read(entry, options)));
  }

  private async read(
    entry: ManifestEntry,
    options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> },
  ): Promise<DesiredStateListing> {
    const place = { scope: `url:${entry.url}`, location: entry.url };
    const previous = options.versions.get(place.scope);
    let text: string;
    let etag: string | undefined;
    try {
      const response = await this.reader.readUrl(entry.url, {
        ...(previous?.startsWith(ETAG) ? { etag: previous.slice(ETAG.length) } : {}),
        signal: options.signal,
      });
      text = (await response.buffer()).toString('utf8');
      etag = response.etag;
    } catch (error) {
      if ((error as Error).name === 'NotModifiedError' && previous) return unchangedListing(place, previous);
      if (options.signal?.aborted) throw error;
      return failedListing(place, `cannot be read: ${(error as Error).message}`);
    }
    const version = etag ? `${ETAG}${etag}` : contentVersion(text);
    if (previous === version || previous === contentVersion(text)) return unchangedListing(place, previous);
    const { url: _url, ...context } = entry;
    return listingFromText(text, place, context, version);
  }
}
