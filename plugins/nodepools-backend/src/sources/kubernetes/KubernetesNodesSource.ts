import type { Config } from '@backstage/config';
import type { Provider } from '@nodepools/plugin-nodepools-common';
import type { PoolSource, ScopeListing } from '../types';
import { ClusterPoolSource, readClusterSourceOptions } from './ClusterPoolSource';
import { ClusterConnector, mapWithConcurrency } from './clusterConnector';
import type { KubernetesCluster } from './clusters';
import { observedPoolToPoolSpec, type PoolIdentity } from './kubernetesPoolSpec';
import { collectObservedPools, type ClusterObservedPool } from './observedNodes';
import { providerOfPoolLabel } from './poolLabels';

/** An observed pool with the provider whose pool its label names. */
export interface AttributedObservedPool extends ClusterObservedPool {
  /** `eks`, `karpenter`, `gke`, `aks`, `doks`, or `kubernetes` for self-managed pools. */
  provider: Provider;
}

/**
 * One cluster's scope: a ScopeListing whose `pools` hold a `kubernetes` pool
 * for every pool seen in the cluster, plus the raw roll-ups to merge onto
 * cloud pools. The reconciler attaches each observed pool that matches a
 * cloud pool (see `matchesCloudPool` in inventory/) to that pool and drops its
 * `kubernetes` twin; the rest are stored as `kubernetes` pools.
 */
export interface ObservedClusterListing extends ScopeListing {
  /** The Backstage cluster name. */
  clusterName: string;
  /** Cluster, account and region the cluster's pools are recorded under. */
  identity: PoolIdentity;
  observed: AttributedObservedPool[];
  /** Nodes that carry none of the pool labels. */
  unpooledNodes: number;
}

export const KUBERNETES_SCOPE_PREFIX = 'kubernetes/';

/**
 * The nodes of every configured cluster, rolled up per pool (kind
 * `kubernetes`). Each cluster is a scope `kubernetes/<cluster name>`; a
 * cluster that cannot be read in full is reported incomplete with its error.
 */
export class KubernetesNodesSource extends ClusterPoolSource implements PoolSource {
  readonly kind = 'kubernetes';

  static fromConfig(
    config: Config,
    options: { id?: string; connector?: ClusterConnector } = {},
  ): KubernetesNodesSource {
    return new KubernetesNodesSource(readClusterSourceOptions(config, options, 'kubernetes'));
  }

  get target(): string {
    return describeClusters(this.clusters);
  }

  list(options: { signal?: AbortSignal }): Promise<ScopeListing[]> {
    return this.listObserved(options);
  }

  listObserved(options: { signal?: AbortSignal }): Promise<ObservedClusterListing[]> {
    return mapWithConcurrency(this.clusters, this.settings.concurrency, cluster =>
      this.observeCluster(cluster, options.signal),
    );
  }

  private async observeCluster(
    cluster: KubernetesCluster,
    signal?: AbortSignal,
  ): Promise<ObservedClusterListing> {
    const identity = cluster.poolIdentity();
    const base = {
      scope: `${KUBERNETES_SCOPE_PREFIX}${cluster.name}`,
      clusterName: cluster.name,
      identity,
    };
    let connection;
    try {
      connection = await this.connector.connect(cluster);
    } catch (error) {
      return {
        ...base,
        complete: false,
        pools: [],
        observed: [],
        unpooledNodes: 0,
        error: (error as Error).message,
      };
    }
    const result = await collectObservedPools(connection.kubeConfig, identity.cluster, {
      signal,
      pageSize: this.settings.pageSize,
      policy: this.settings.policy,
      poolLabelKeys: this.settings.poolLabelKeys,
      redact: connection.redact,
    });
    const observed = result.pools.map(pool => ({
      ...pool,
      provider: providerOfPoolLabel(pool.poolLabel),
    }));
    return {
      ...base,
      complete: result.complete,
      pools: observed.map(pool => observedPoolToPoolSpec(pool, identity)),
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
