import type { LoggerService } from '@backstage/backend-plugin-api';
import { baseUrl, fetchJson, mapAll, RequestRunner, type RequestPolicy } from '../../sources/http';
import type { AccessTokenProvider } from '../../sources/gke/googleAccessTokens';
import { fetchText } from '../fetchText';
import {
  failedListing,
  listingFromText,
  unchangedListing,
  type DesiredEntry,
} from '../listing';
import type { DesiredStateListing, DesiredStateSource } from '../types';

/** One state object in the bucket. */
export interface GcsState extends DesiredEntry {
  object: string;
}

export interface GcsDesiredSourceOptions {
  id: string;
  bucket: string;
  states: GcsState[];
  getAccessToken: AccessTokenProvider;
  /** Default `https://storage.googleapis.com`. */
  endpoint?: string;
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
}

const GCS_ENDPOINT = 'https://storage.googleapis.com';

/**
 * Terraform states in a Google Cloud Storage bucket (the `gcs` backend),
 * through the JSON API. Each object is a scope; its generation is read
 * first, and the object only when the generation changed.
 */
export class GcsDesiredSource implements DesiredStateSource {
  readonly id: string;
  readonly kind = 'gcs';
  readonly target: string;
  private readonly runner: RequestRunner;
  private readonly base: string;

  constructor(private readonly options: GcsDesiredSourceOptions) {
    this.id = options.id;
    this.target = `${options.states.length} state${options.states.length === 1 ? '' : 's'} in gs://${options.bucket}`;
    this.base = baseUrl(options.endpoint ?? GCS_ENDPOINT);
    this.runner = new RequestRunner({ policy: options.policy, logger: options.logger });
  }

  async list(options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> }): Promise<DesiredStateListing[]> {
    return mapAll(this.options.states, this.runner.policy.concurrency, state => this.read(state, options));
  }

  private async read(
    state: GcsState,
    options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> },
  ): Promise<DesiredStateListing> {
    const place = { scope: `gs://${this.options.bucket}/${state.object}`, location: `gs://${this.options.bucket}/${state.object}` };
    const objectUrl = `${this.base}/storage/v1/b/${encodeURIComponent(this.options.bucket)}/o/${encodeURIComponent(state.object)}`;
    const previous = options.versions.get(place.scope);
    try {
      const generation = await this.runner.run(
        `GET ${place.location} (metadata)`,
        async signal => {
          const token = await this.options.getAccessToken();
          const { body } = await fetchJson({ url: objectUrl, operation: `GET ${place.location}`, headers: { authorization: `Bearer ${token}` }, secrets: [token], signal });
          const value = (body as { generation?: unknown }).generation;
          if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`the object's metadata has no generation`);
          return String(value);
        },
        { signal: options.signal },
      );
      if (previous === generation) return unchangedListing(place, generation);
      const text = await this.runner.run(
        `GET ${place.location}`,
        async signal => {
          const token = await this.options.getAccessToken();
          const read = await fetchText({
            url: `${objectUrl}?alt=media&ifGenerationMatch=${encodeURIComponent(generation)}`,
            operation: `GET ${place.location}`,
            headers: { authorization: `Bearer ${token}` },
            secrets: [token],
            signal,
          });
          if (read.notModified) throw new Error('unexpected 304 to an unconditional read');
          return read.text;
        },
        { signal: options.signal },
      );
      const { object: _object, ...entry } = state;
      return listingFromText(text, place, entry, generation);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return failedListing(place, (error as Error).message);
    }
  }
}
