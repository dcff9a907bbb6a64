import type { Config } from '@backstage/config';
import { ClusterConnector } from './clusterConnector';
import { readKubernetesClusters, type KubernetesCluster } from './clusters';
import { readKubernetesSourceSettings, type KubernetesSourceSettings } from './settings';

/** What a source that reads the configured clusters works with. */
export interface ClusterSourceOptions {
  id: string;
  clusters: KubernetesCluster[];
  settings: KubernetesSourceSettings;
  connector: ClusterConnector;
}

/** The clusters of `kubernetes.clusterLocatorMethods` and nodepools' settings for reading them. */
export function readClusterSourceOptions(
  config: Config,
  options: { id?: string; connector?: ClusterConnector },
  defaultId: string,
): ClusterSourceOptions {
  return {
    id: options.id ?? defaultId,
    clusters: readKubernetesClusters(config).clusters,
    settings: readKubernetesSourceSettings(config),
    connector: options.connector ?? new ClusterConnector(),
  };
}

/** Base of the sources that read pools from every configured cluster. */
export abstract class ClusterPoolSource {
  readonly id: string;
  protected readonly clusters: KubernetesCluster[];
  protected readonly settings: KubernetesSourceSettings;
  protected readonly connector: ClusterConnector;

  constructor(options: ClusterSourceOptions) {
    this.id = options.id;
    this.clusters = options.clusters;
    this.settings = options.settings;
    this.connector = options.connector;
  }
}
