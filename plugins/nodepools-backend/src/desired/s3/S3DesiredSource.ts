import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { mapAll, RequestRunner, type RequestPolicy } from '../../sources/http';
import {
  conditionalListing,
  type DesiredEntry,
} from '../listing';
import type { DesiredStateListing, DesiredStateSource } from '../types';

/** One state object in the bucket. */
export interface S3State extends DesiredEntry {
  key: string;
}

export interface S3DesiredSourceOptions {
  id: string;
  bucket: string;
  /** The bucket's region. */
  region: string;
  states: S3State[];
  endpoint?: string;
  /** Bucket in the path (`endpoint/bucket/key`), as S3-compatible stores want. */
  forcePathStyle?: boolean;
  /** Default: the SDK's credential chain. */
  credentials?: S3ClientConfig['credentials'];
  /** Secrets to keep out of errors (an external id, a secret key). */
  secrets?: string[];
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
}

/** S3 answers a conditional GET of an unchanged object with 304, which the SDK throws. */
function isNotModified(error: unknown): boolean {
  const meta = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata;
  return meta?.httpStatusCode === 304;
}

/**
 * Terraform states in an S3 bucket (the `s3` backend), or an S3-compatible
 * store at `endpoint`. Each object is a scope, read again only when its
 * ETag changed (`If-None-Match`).
 */
export class S3DesiredSource implements DesiredStateSource {
  readonly id: string;
  readonly kind = 's3';
  readonly target: string;
  private readonly client: S3Client;
  private readonly runner: RequestRunner;

  constructor(private readonly options: S3DesiredSourceOptions) {
    this.id = options.id;
    this.target = `${options.states.length} state${options.states.length === 1 ? '' : 's'} in s3://${options.bucket}`;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // The runner retries, with the same policy as every source.
      maxAttempts: 1,
    });
    this.runner = new RequestRunner({ policy: options.policy, secrets: options.secrets, logger: options.logger });
  }

  async list(options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> }): Promise<DesiredStateListing[]> {
    return mapAll(this.options.states, this.runner.policy.concurrency, state => this.read(state, options));
  }

  private async read(
    state: S3State,
    options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> },
  ): Promise<DesiredStateListing> {
    const place = { scope: `s3://${this.options.bucket}/${state.key}`, location: `s3://${this.options.bucket}/${state.key}` };
    const previous = options.versions.get(place.scope);
    const { key: _key, ...entry } = state;
    return conditionalListing(place, previous, entry, options.signal, () =>
      this.runner.run(
        `GetObject ${place.location}`,
        async signal => {
          try {
            const out = await this.client.send(
              new GetObjectCommand({ Bucket: this.options.bucket, Key: state.key, ...(previous ? { IfNoneMatch: previous } : {}) }),
              { abortSignal: signal as never },
            );
            return { notModified: false as const, text: (await out.Body?.transformToString('utf-8')) ?? '', etag: out.ETag };
          } catch (error) {
            if (isNotModified(error)) return { notModified: true as const };
            throw error;
          }
        },
        { signal: options.signal },
      ),
    );
  }
}
