import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type {
  ObservedClusterListing,
  PoolSource,
  ScopeListing,
  SourceListOptions,
} from '../types';
import {
  ClusterPoolSource,
  readClusterSourceOptions,
  type ClusterSourceConfigOptions,
  type ClusterSourceOptions,
} from './ClusterPoolSource';
import type { ClusterConnection } from './clusterConnector';
import type { KubernetesCluster } from './clusters';
import { observedPoolToPoolSpec } from './kubernetesPoolSpec';
import { collectObservedPools } from './observedNodes';
import { providerOfPoolLabel } from './poolLabels';

export type { AttributedObservedPool, ObservedClusterListing } from '../types';

export const KUBERNETES_SCOPE_PREFIX = 'kubernetes/';

/** The kind of the source that reads pools from the clusters' nodes. */
export const KUBERNETES_SOURCE_KIND = 'kubernetes';

/**
 * The nodes of every configured cluster, rolled up per pool (kind
 * `kubernetes`). Each cluster is a scope `kubernetes/<cluster name>`; a
 * cluster that cannot be read in full is reported incomplete with its error.
 */
export class KubernetesNodesSource extends ClusterPoolSource implements PoolSource {
  readonly kind = KUBERNETES_SOURCE_KIND;
  /** Whether each observed pool also carries its nodes' usage (`metrics.k8s.io`). */
  readonly #nodeMetrics: boolean;
  readonly #logger?: LoggerService;
  /** Clusters already said to serve no node metrics, so it is logged once. */
  readonly #withoutMetrics = new Set<string>();

  constructor(options: ClusterSourceOptions & { nodeMetrics?: boolean }) {
    super(options);
    this.#nodeMetrics = options.nodeMetrics ?? true;
    this.#logger = options.logger;
  }

  static fromConfig(
    config: Config,
    options: ClusterSourceConfigOptions = {},
  ): KubernetesNodesSource {
    return new KubernetesNodesSource({
      ...readClusterSourceOptions(config, options, 'kubernetes'),
      nodeMetrics: config.getOptionalBoolean('nodepools.kubernetes.nodeMetrics') ?? true,
    });
  }

  get target(): string {
    return describeClusters(this.clusters);
  }

  list(options: SourceListOptions): Promise<ScopeListing[]> {
    return this.listObserved(options);
  }

  listObserved(options: SourceListOptions): Promise<ObservedClusterListing[]> {
    return this.forEachCluster(
      { ...options, scopeOf: cluster => this.base(cluster).scope },
      (cluster, connection) => this.observeCluster(cluster, connection, options.signal),
      (cluster, error) => ({
        ...this.base(cluster),
        complete: false,
        pools: [],
        observed: [],
        unpooledNodes: 0,
        error,
      }),
    );
  }

  private base(cluster: KubernetesCluster) {
    return {
      scope: `${KUBERNETES_SCOPE_PREFIX}${cluster.name}`,
      clusterName: cluster.name,
      identity: cluster.poolIdentity(),
    };
  }

  private async observeCluster(
    cluster: KubernetesCluster,
    connection: ClusterConnection,
    signal?: AbortSignal,
  ): Promise<ObservedClusterListing> {
    const base = this.base(cluster);
    const result = await collectObservedPools(connection.kubeConfig, base.identity.cluster, {
      signal,
      pageSize: this.settings.pageSize,
      runner: this.runner,
      poolLabelKeys: this.settings.poolLabelKeys,
      workloadLabelKeys: this.settings.workloadLabelKeys,
      nodeMetrics: this.#nodeMetrics,
      redact: connection.redact,
    });
    if (result.nodeMetricsAbsent && !this.#withoutMetrics.has(cluster.name)) {
      this.#withoutMetrics.add(cluster.name);
      this.#logger?.debug(
        `Cluster '${cluster.name}' serves no node metrics (${result.nodeMetricsAbsent}); its pools are listed without usage`,
      );
    }
    const observed = result.pools.map(pool => ({
      ...pool,
      provider: providerOfPoolLabel(pool.poolLabel),
    }));
    return {
      ...base,
      complete: result.complete,
      pools: observed.map(pool => observedPoolToPoolSpec(pool, base.identity)),
      observed,
      unpooledNodes: result.unpooledNodes,
      ...(result.error ? { error: `cluster '${cluster.name}': ${result.error}` } : {}),
      ...(result.issues.length ? { issues: result.issues } : {}),
    };
  }
}

/** A human description of the clusters read, e.g. `3 Kubernetes clusters: a, b, c`. */
export function describeClusters(clusters: KubernetesCluster[]): string {
  const names = clusters.map(c => c.name);
  const shown = names.length > 5 ? [...names.slice(0, 5), '…'] : names;
  return `${names.length} Kubernetes cluster${names.length === 1 ? '' : 's'}${
    names.length ? `: ${shown.join(', ')}` : ''
  }`;
}
