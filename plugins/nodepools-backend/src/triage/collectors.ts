import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';
import {
  clusterOfPool,
  PROVIDERS,
  type ClusterIdentity,
  type Provider,
  type TriageInput,
} from '@nodepools/plugin-nodepools-common';
import {
  ClusterConnector,
  collectTriageSnapshot,
  readKubernetesClusters,
  readKubernetesSourceSettings,
} from '../sources/kubernetes';

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

/** A JSON file of a triage snapshot, named in the error when it is unreadable. */
async function readJson(baseDir: string, file: string, field: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(path.resolve(baseDir, file), 'utf8');
  } catch (error) {
    throw new Error(
      `${field} file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${field} file ${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** The cluster of a saved snapshot: its name, and its provider, account and region when given. */
function fileClusterIdentity(entry: Config, where: string): ClusterIdentity {
  const provider = entry.getOptionalString('provider') ?? 'kubernetes';
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new Error(`${where}.provider: '${provider}' is not one of ${PROVIDERS.join(', ')}`);
  }
  const cluster = entry.getString('cluster');
  if (cluster.includes('/')) {
    throw new Error(`${where}.cluster: '${cluster}' is a cluster name, without '/'`);
  }
  const identity: ClusterIdentity = { provider: provider as Provider, cluster };
  const account = entry.getOptionalString('account');
  const region = entry.getOptionalString('region');
  if (account) identity.account = account;
  if (region) identity.region = region;
  return identity;
}

/**
 * `nodepools.triage.files`: saved `kubectl get pods -A -o json`, `get nodes
 * -o json` and `get events -A -o json` outputs per cluster.
 */
export function fileTriageCollectors(config: Config, baseDir: string): TriageCollector[] {
  const entries = config.getOptionalConfigArray('nodepools.triage.files') ?? [];
  return entries.map((entry, index) => {
    const cluster = fileClusterIdentity(entry, `nodepools.triage.files[${index}]`);
    const files = {
      pods: entry.getString('pods'),
      nodes: entry.getString('nodes'),
      events: entry.getOptionalString('events'),
    };
    return {
      cluster,
      source: 'triage-files',
      async collect() {
        const [pods, nodes, events] = await Promise.all([
          readJson(baseDir, files.pods, 'pods'),
          readJson(baseDir, files.nodes, 'nodes'),
          files.events ? readJson(baseDir, files.events, 'events') : undefined,
        ]);
        const stat = await fs.stat(path.resolve(baseDir, files.pods));
        return {
          input: { pods, nodes, ...(events !== undefined ? { events } : {}) },
          collectedAt: stat.mtime.toISOString(),
        };
      },
    };
  });
}

/** The live clusters of `kubernetes.clusterLocatorMethods`. */
export function clusterTriageCollectors(
  config: Config,
  connector: ClusterConnector,
): TriageCollector[] {
  const settings = readKubernetesSourceSettings(config);
  return readKubernetesClusters(config).clusters.map(cluster => ({
    // Without a mapping to the cloud's cluster, the Backstage name is all that is known.
    cluster: clusterOfPool(cluster.cloudCluster ?? { provider: 'kubernetes', cluster: cluster.name }),
    source: 'kubernetes',
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
