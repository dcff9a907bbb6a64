import type { LoggerService } from '@backstage/backend-plugin-api';
import { baseUrl, fetchJson, mapAll, RequestRunner, type RequestPolicy } from '../../sources/http';
import { fetchText } from '../fetchText';
import {
  failedListing,
  listingFromText,
  unchangedListing,
  type DesiredEntry,
} from '../listing';
import type { DesiredStateListing, DesiredStateSource } from '../types';

/** One workspace whose current state declares pools. */
export interface TfcWorkspace extends DesiredEntry {
  name: string;
}

export interface TerraformCloudDesiredSourceOptions {
  id: string;
  /** Default `https://app.terraform.io`; a Terraform Enterprise's own address otherwise. */
  endpoint?: string;
  organization: string;
  token: string;
  workspaces: TfcWorkspace[];
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
}

const TFC_ENDPOINT = 'https://app.terraform.io';

interface JsonApiDocument {
  data?: { id?: unknown; attributes?: Record<string, unknown> };
}

function dataOf(body: unknown, what: string): { id: string; attributes: Record<string, unknown> } {
  const data = (body as JsonApiDocument)?.data;
  if (!data || typeof data.id !== 'string') throw new Error(`the ${what} has no data.id`);
  return { id: data.id, attributes: data.attributes ?? {} };
}

/**
 * The current state of Terraform Cloud / Enterprise workspaces, through
 * the state-version API: the workspace, its current state version, then
 * that version's hosted state. Each workspace is a scope; a state version
 * already read is not downloaded again.
 */
export class TerraformCloudDesiredSource implements DesiredStateSource {
  readonly id: string;
  readonly kind = 'terraform-cloud';
  readonly target: string;
  private readonly runner: RequestRunner;
  private readonly base: string;

  constructor(private readonly options: TerraformCloudDesiredSourceOptions) {
    this.id = options.id;
    this.base = baseUrl(options.endpoint ?? TFC_ENDPOINT);
    this.target = `${options.workspaces.length} workspace${options.workspaces.length === 1 ? '' : 's'} of ${options.organization} on ${this.base}`;
    this.runner = new RequestRunner({ policy: options.policy, secrets: [options.token], logger: options.logger });
  }

  async list(options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> }): Promise<DesiredStateListing[]> {
    return mapAll(this.options.workspaces, this.runner.policy.concurrency, ws => this.read(ws, options));
  }

  private api(path: string, operation: string, signal: AbortSignal) {
    return fetchJson({
      url: `${this.base}${path}`,
      operation,
      headers: { authorization: `Bearer ${this.options.token}`, accept: 'application/vnd.api+json' },
      secrets: [this.options.token],
      signal,
    });
  }

  private async read(
    workspace: TfcWorkspace,
    options: { signal?: AbortSignal; versions: ReadonlyMap<string, string> },
  ): Promise<DesiredStateListing> {
    const org = encodeURIComponent(this.options.organization);
    const name = encodeURIComponent(workspace.name);
    const place = {
      scope: `tfc:${this.options.organization}/${workspace.name}`,
      location: `${this.base}/app/${org}/workspaces/${name}/states`,
    };
    const previous = options.versions.get(place.scope);
    try {
      const ws = await this.runner.run(
        `GET workspace ${this.options.organization}/${workspace.name}`,
        async signal => dataOf((await this.api(`/api/v2/organizations/${org}/workspaces/${name}`, `GET workspace ${workspace.name}`, signal)).body, 'workspace'),
        { signal: options.signal },
      );
      const version = await this.runner.run(
        `GET current state version of ${workspace.name}`,
        async signal =>
          dataOf(
            (await this.api(`/api/v2/workspaces/${encodeURIComponent(ws.id)}/current-state-version`, `GET current state version of ${workspace.name}`, signal)).body,
            'current state version',
          ),
        { signal: options.signal },
      );
      if (previous === version.id) return unchangedListing(place, version.id);
      const download = version.attributes['hosted-state-download-url'];
      if (typeof download !== 'string' || !download) {
        throw new Error(`state version ${version.id} has no hosted-state-download-url (its state may still be processing)`);
      }
      const text = await this.runner.run(
        `GET state version ${version.id}`,
        async signal => {
          const read = await fetchText({
            url: download,
            operation: `GET state version ${version.id}`,
            headers: { authorization: `Bearer ${this.options.token}` },
            secrets: [this.options.token],
            signal,
            follow: true,
          });
          if (read.notModified) throw new Error('unexpected 304 to an unconditional read');
          return read.text;
        },
        { signal: options.signal },
      );
      const { name: _name, ...entry } = workspace;
      return listingFromText(text, place, entry, version.id);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return failedListing(place, this.runner.redact((error as Error).message));
    }
  }
}
