import type { Config } from '@backstage/config';
import {
  clusterOfPool,
  SELF_MANAGED_PROVIDER,
  type ClusterIdentity,
  type TriageInput,
} from '@nodepools/plugin-nodepools-common';
import {
  ClusterConnector,
  collectTriageSnapshot,
  KUBERNETES_SOURCE_KIND,
  readKubernetesClusters,
  readKubernetesSourceSettings,
} from '../sources/kubernetes';
import { readSnapshotJson, type SnapshotFiles } from './snapshotFiles';

/** What a collection read: the cluster's pods, nodes and events, as kubectl prints them. */
export interface TriageSnapshotInput {
  input: Pick<TriageInput, 'pods' | 'nodes' | 'events'>;
  collectedAt: string;
}

/**
 * Reads one cluster's pending pods, nodes and events. `cluster` is the
 * identity the cluster's pools carry in the inventory, as far as the
 * configuration says it: the report is stored under its ref, and read
 * against the pools of the cluster it names.
 */
export interface TriageCollector {
  cluster: ClusterIdentity;
  source: string;
  collect(signal?: AbortSignal): Promise<TriageSnapshotInput>;
}

/**
 * `nodepools.triage.files`: saved `kubectl get pods -A -o json`, `get nodes
 * -o json` and `get events -A -o json` outputs per cluster.
 */
export function fileTriageCollectors(
  snapshots: SnapshotFiles[],
  baseDir: string,
): TriageCollector[] {
  return snapshots.map(files => ({
    cluster: files.cluster,
    source: 'triage-files',
    async collect() {
      const [pods, nodes, events] = await Promise.all([
        readSnapshotJson(baseDir, files.pods, 'pods'),
        readSnapshotJson(baseDir, files.nodes, 'nodes'),
        files.events ? readSnapshotJson(baseDir, files.events, 'events') : undefined,
      ]);
      return {
        input: {
          pods: pods.json,
          nodes: nodes.json,
          ...(events ? { events: events.json } : {}),
        },
        collectedAt: pods.modifiedAt.toISOString(),
      };
    },
  }));
}

/** The live clusters of `kubernetes.clusterLocatorMethods`. */
export function clusterTriageCollectors(
  config: Config,
  connector: ClusterConnector,
): TriageCollector[] {
  const settings = readKubernetesSourceSettings(config);
  return readKubernetesClusters(config).clusters.map(cluster => ({
    // Without a mapping to the cloud's cluster, the Backstage name is all that is known.
    cluster: clusterOfPool(cluster.cloudCluster ?? { provider: SELF_MANAGED_PROVIDER, cluster: cluster.name }),
    source: KUBERNETES_SOURCE_KIND,
    async collect(signal?: AbortSignal) {
      const connection = await connector.connect(cluster);
      const snapshot = await collectTriageSnapshot(connection.kubeConfig, {
        signal,
        pageSize: settings.pageSize,
        policy: settings.policy,
        redact: connection.redact,
      });
      return {
        input: { pods: snapshot.pods, nodes: snapshot.nodes, events: snapshot.events },
        collectedAt: snapshot.collectedAt,
      };
    },
  }));
}
