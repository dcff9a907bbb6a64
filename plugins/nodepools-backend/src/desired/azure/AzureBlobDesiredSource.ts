import type { Readable } from 'node:stream';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ContainerClient } from '@azure/storage-blob';
import { mapAll, RequestRunner, type RequestPolicy } from '../../sources/http';
import {
  conditionalListing,
  type DesiredEntry,
} from '../listing';
import type { DesiredStateListing, DesiredStateSource } from '../types';

/** One state blob in the container. */
export interface BlobState extends DesiredEntry {
  blob: string;
}

export interface AzureBlobDesiredSourceOptions {
  id: string;
  /** The blob service URL, e.g. `https://acct.blob.core.windows.net`, without a SAS. */
  serviceUrl: string;
  container: ContainerClient;
  states: BlobState[];
  secrets?: string[];
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
}

async function readAll(stream: NodeJS.ReadableStream | Readable | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The blob service answers a conditional read of an unchanged blob with 304, which the SDK throws. */
function isNotModified(error: unknown): boolean {
  return (error as { statusCode?: number })?.statusCode === 304;
}

/**
 * Terraform states in Azure Blob Storage (the `azurerm` backend). Each
 * blob is a scope, read again only when its ETag changed.
 */
export class AzureBlobDesiredSource implements DesiredStateSource {
  readonly id: string;
  readonly kind = 'azure-blob';
  readonly target: string;
  private readonly runner: RequestRunner;

  constructor(private readonly options: AzureBlobDesiredSourceOptions) {
    this.id = options.id;
    this.target = `${options.states.length} state${options.states.length === 1 ? '' : 's'} in ${options.serviceUrl}/${options.container.containerName}`;
    this.runner = new RequestRunner({ policy: options.policy, secrets: options.secrets, logger: options.logger });
  }

  async list(options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> }): Promise<DesiredStateListing[]> {
    return mapAll(this.options.states, this.runner.policy.concurrency, state => this.read(state, options));
  }

  private async read(
    state: BlobState,
    options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> },
  ): Promise<DesiredStateListing> {
    const location = `${this.options.serviceUrl}/${this.options.container.containerName}/${state.blob}`;
    const place = { scope: `blob:${location}`, location };
    const previous = options.versions.get(place.scope);
    const blob = this.options.container.getBlobClient(state.blob);
    const { blob: _blob, ...entry } = state;
    return conditionalListing(place, previous, entry, options.signal, () =>
      this.runner.run(
        `GET ${location}`,
        async signal => {
          try {
            const response = await blob.download(0, undefined, {
              abortSignal: signal,
              ...(previous ? { conditions: { ifNoneMatch: previous } } : {}),
            });
            return { notModified: false as const, text: await readAll(response.readableStreamBody), etag: response.etag };
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
