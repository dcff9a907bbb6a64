import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseGkeNodePool } from '@nodepools/plugin-nodepools-common';
import {
  RequestRunner,
  SourceAuthError,
  SourceResponseError,
  baseUrl,
  describeThrown,
  fetchJson,
  listScopes,
  readScope,
  type RequestPolicy,
  type Sleep,
} from '../http';
import { asObject, blankValues, repeatedField, requiredString } from '../objects';
import type { PoolSource, ScopeListing, SourceListOptions } from '../types';
import type { AccessTokenProvider } from './googleAccessTokens';

export const GKE_DEFAULT_ENDPOINT = 'https://container.googleapis.com';

export type { AccessTokenProvider };

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

/**
 * A node pool as it is stored: `config.metadata` carries instance metadata
 * (startup scripts, bootstrap secrets), so its values are blanked; the keys
 * stay, to show what is set.
 */
export function withoutMetadataValues(item: unknown): unknown {
  const pool = asObject(item);
  const config = asObject(pool?.config);
  if (!pool || !config || config.metadata === undefined) return item;
  return { ...pool, config: { ...config, metadata: blankValues(config.metadata) } };
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

  list(options: SourceListOptions = {}): Promise<ScopeListing[]> {
    const { signal } = options;
    return listScopes({
      groups: this.#projects,
      enumerate: project => this.#listClusters(project, signal),
      concurrency: this.#runner.policy.concurrency,
      listScope: cluster => this.#listCluster(cluster, signal),
      scopeKey: cluster => this.#scopeOf(cluster),
      includeScope: options.includeScope,
    });
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
    return repeatedField(body, 'clusters', operation).map((item, index) => ({
      project,
      name: requiredString(item, 'name', operation, `clusters item ${index}`),
      location: requiredString(item, 'location', operation, `clusters item ${index}`),
    }));
  }

  #scopeOf(cluster: GkeCluster): string {
    return `gke/${cluster.project}/${cluster.location}/${cluster.name}`;
  }

  #listCluster(cluster: GkeCluster, signal?: AbortSignal): Promise<ScopeListing> {
    const scope = this.#scopeOf(cluster);
    const path = `/v1/projects/${encodeURIComponent(cluster.project)}/locations/${encodeURIComponent(
      cluster.location,
    )}/clusters/${encodeURIComponent(cluster.name)}/nodePools`;
    const operation = `GET ${path}`;
    return readScope({
      scope,
      context: {
        file: scope,
        account: cluster.project,
        region: regionOfLocation(cluster.location),
        cluster: cluster.name,
      },
      signal,
      parse: parseGkeNodePool,
      // nodePools.list has no pages: one call holds every pool of the cluster.
      read: async records => {
        const body = await this.#get(path, operation, signal);
        records.add(repeatedField(body, 'nodePools', operation).map(withoutMetadataValues));
      },
    });
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
