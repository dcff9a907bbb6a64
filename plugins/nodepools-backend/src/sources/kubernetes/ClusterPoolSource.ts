import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { RequestRunner, mapAll, type Sleep } from '../http';
import type { SourceListOptions } from '../types';
import { ClusterConnector, type ClusterConnection } from './clusterConnector';
import { readKubernetesClusters, type KubernetesCluster } from './clusters';
import { readKubernetesSourceSettings, type KubernetesSourceSettings } from './settings';

/** What a source that reads the configured clusters works with. */
export interface ClusterSourceOptions {
  id: string;
  clusters: KubernetesCluster[];
  settings: KubernetesSourceSettings;
  connector: ClusterConnector;
  logger?: LoggerService;
  /** Replaces the real timer between retries, e.g. to record the waits. */
  sleep?: Sleep;
}

/** What the code that builds a cluster source may give besides config. */
export interface ClusterSourceConfigOptions {
  id?: string;
  connector?: ClusterConnector;
  logger?: LoggerService;
  sleep?: Sleep;
}

/** The clusters of `kubernetes.clusterLocatorMethods` and nodepools' settings for reading them. */
export function readClusterSourceOptions(
  config: Config,
  options: ClusterSourceConfigOptions,
  defaultId: string,
): ClusterSourceOptions {
  return {
    id: options.id ?? defaultId,
    clusters: readKubernetesClusters(config).clusters,
    settings: readKubernetesSourceSettings(config),
    connector: options.connector ?? new ClusterConnector(),
    logger: options.logger,
    sleep: options.sleep,
  };
}

/**
 * Base of the sources that read pools from every configured cluster. Their
 * calls go through one RequestRunner, with the same retries, timeouts and
 * errors as the cloud sources.
 */
export abstract class ClusterPoolSource {
  readonly id: string;
  protected readonly clusters: KubernetesCluster[];
  protected readonly settings: KubernetesSourceSettings;
  protected readonly connector: ClusterConnector;
  protected readonly runner: RequestRunner;

  constructor(options: ClusterSourceOptions) {
    this.id = options.id;
    this.clusters = options.clusters;
    this.settings = options.settings;
    this.connector = options.connector;
    this.runner = new RequestRunner({
      policy: options.settings.policy,
      logger: options.logger,
      sleep: options.sleep,
    });
  }

  /**
   * Reads every cluster (of the run's shard, when sharded: the clusters
   * whose scope key it includes), at most `concurrency` at once: connects
   * (its token within the call timeout), then `read`s it. A cluster that
   * cannot be connected to is reported by `failed`; the others are read all
   * the same.
   */
  protected forEachCluster<L>(
    options: SourceListOptions & { scopeOf: (cluster: KubernetesCluster) => string },
    read: (cluster: KubernetesCluster, connection: ClusterConnection) => Promise<L>,
    failed: (cluster: KubernetesCluster, error: string) => L,
  ): Promise<L[]> {
    const { signal, includeScope, scopeOf } = options;
    const clusters = includeScope
      ? this.clusters.filter(cluster => includeScope(scopeOf(cluster)))
      : this.clusters;
    return mapAll(clusters, this.settings.concurrency, async cluster => {
      let connection: ClusterConnection;
      try {
        connection = await this.connector.connect(cluster, {
          signal,
          timeoutMs: this.settings.policy.timeoutMs,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        return failed(cluster, (error as Error).message);
      }
      return read(cluster, connection);
    });
  }
}
