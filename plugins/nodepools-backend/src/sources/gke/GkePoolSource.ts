import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseGkeNodePool } from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceAuthError,
  SourceRequestError,
  SourceResponseError,
  baseUrl,
  buildScopeListing,
  describeThrown,
  fetchJson,
  mapAll,
  parseRecords,
  type RequestPolicy,
  type Sleep,
} from '../http';
import type { PoolSource, ScopeListing } from '../types';

export const GKE_DEFAULT_ENDPOINT = 'https://container.googleapis.com';

/** Returns a current OAuth access token for the cloud-platform scope. */
export type AccessTokenProvider = () => Promise<string>;

export interface GkePoolSourceOptions {
  id: string;
  projects: string[];
  /** Container API base URL; Google's by default. */
  endpoint?: string;
  getAccessToken: AccessTokenProvider;
  policy?: Partial<RequestPolicy>;
  logger?: LoggerService;
  sleep?: Sleep;
}

interface GkeCluster {
  project: string;
  name: string;
  /** A zone for zonal clusters, a region for regional ones. */
  location: string;
}

/** `us-central1-a` is a zone of `us-central1`. */
const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

export function regionOfLocation(location: string): string {
  return ZONE.exec(location)?.[1] ?? location;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Reads a repeated field of a Google API answer. Google's JSON leaves empty
 * lists out, so an absent field is an empty list; anything but a list or
 * nothing is a broken answer.
 */
function repeatedField(body: unknown, field: string, operation: string): unknown[] {
  const record = asObject(body);
  if (!record) throw new SourceResponseError(operation, 'the answer is not a JSON object');
  const value = record[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new SourceResponseError(operation, `'${field}' is not a list`);
  }
  return value;
}

/**
 * GKE node pools over the Container API's REST interface: every cluster of
 * each project (`clusters.list` with location `-`, zonal and regional
 * alike), then each cluster's `nodePools.list`. One scope per cluster:
 * `gke/<project>/<location>/<cluster>`.
 */
export class GkePoolSource implements PoolSource {
  readonly id: string;
  readonly kind = 'gke';
  readonly target: string;
  readonly #endpoint: string;
  readonly #projects: string[];
  readonly #getAccessToken: AccessTokenProvider;
  readonly #runner: RequestRunner;

  constructor(options: GkePoolSourceOptions) {
    if (options.projects.length === 0) {
      throw new TypeError(`GKE source '${options.id}' needs at least one project`);
    }
    this.id = options.id;
    this.#projects = options.projects;
    this.#endpoint = baseUrl(options.endpoint ?? GKE_DEFAULT_ENDPOINT);
    this.#getAccessToken = options.getAccessToken;
    this.target = `Google Cloud project${options.projects.length > 1 ? 's' : ''} ${options.projects.join(', ')}`;
    this.#runner = new RequestRunner({
      policy: options.policy,
      logger: options.logger,
      sleep: options.sleep,
    });
  }

  async list(options: { signal?: AbortSignal } = {}): Promise<ScopeListing[]> {
    const { signal } = options;
    const perProject = await mapAll(this.#projects, this.#projects.length, project =>
      this.#listClusters(project, signal),
    );
    return mapAll(perProject.flat(), this.#runner.policy.concurrency, cluster =>
      this.#listCluster(cluster, signal),
    );
  }

  async #listClusters(project: string, signal?: AbortSignal): Promise<GkeCluster[]> {
    const path = `/v1/projects/${encodeURIComponent(project)}/locations/-/clusters`;
    const operation = `GET ${path}`;
    const body = await this.#get(path, operation, signal);
    const missingZones = repeatedField(body, 'missingZones', operation);
    if (missingZones.length > 0) {
      // Clusters in those zones exist but are not listed; listing the rest as
      // if complete would let their pools look deleted.
      throw new SourceResponseError(
        operation,
        `clusters in ${missingZones.join(', ')} could not be listed (missingZones)`,
      );
    }
    return repeatedField(body, 'clusters', operation).map((item, index) => {
      const record = asObject(item);
      const field = (key: string) => {
        const value = record?.[key];
        if (typeof value !== 'string' || value === '') {
          throw new SourceResponseError(
            operation,
            `clusters item ${index}: field '${key}' must be a non-empty string`,
          );
        }
        return value;
      };
      return { project, name: field('name'), location: field('location') };
    });
  }

  async #listCluster(cluster: GkeCluster, signal?: AbortSignal): Promise<ScopeListing> {
    const scope = `gke/${cluster.project}/${cluster.location}/${cluster.name}`;
    const path = `/v1/projects/${encodeURIComponent(cluster.project)}/locations/${encodeURIComponent(
      cluster.location,
    )}/clusters/${encodeURIComponent(cluster.name)}/nodePools`;
    const operation = `GET ${path}`;
    let items: unknown[];
    try {
      items = repeatedField(await this.#get(path, operation, signal), 'nodePools', operation);
    } catch (error) {
      if (signal?.aborted || !(error instanceof SourceRequestError)) throw error;
      return buildScopeListing({ scope, pools: [], failures: [error.message] });
    }
    const { parsed: pools, issues } = parseRecords(
      items.map((item, index) => ({ index, item })),
      parseGkeNodePool,
      {
        file: scope,
        account: cluster.project,
        region: regionOfLocation(cluster.location),
        cluster: cluster.name,
      },
    );
    return buildScopeListing({ scope, pools, issues });
  }

  async #get(path: string, operation: string, signal?: AbortSignal): Promise<unknown> {
    const response = await this.#runner.run(
      operation,
      async attemptSignal => {
        let token: string;
        try {
          token = await this.#getAccessToken();
        } catch (error) {
          throw new SourceAuthError(
            operation,
            `no access token: ${this.#runner.redact(describeThrown(error))}`,
          );
        }
        return fetchJson({
          url: `${this.#endpoint}${path}`,
          operation,
          headers: { authorization: `Bearer ${token}` },
          secrets: [token],
          signal: attemptSignal,
        });
      },
      { signal },
    );
    return response.body;
  }
}
