import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { clusterRef } from '@nodepools/plugin-nodepools-common';
import type { ObservingSource } from '../inventory/splitObserved';
import {
  observedPoolToPoolSpec,
  providerOfPoolLabel,
  type ObservedClusterListing,
  type PoolIdentity,
} from '../sources/kubernetes';
import { NodeRollUp } from '../sources/kubernetes/nodeRollUp';
import type { PoolSource, ScopeListing } from '../sources/types';
import { configRelativePath, readSnapshotJson, type SnapshotFiles } from './snapshotFiles';

/** The objects of `kubectl get <kind> -o json` (a List), or an array of them. */
function itemsOf(json: unknown, field: 'nodes' | 'pods', shown: string): unknown[] {
  const items = Array.isArray(json) ? json : (json as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) {
    throw new Error(`${field} file ${shown}: expected the JSON of kubectl get ${field} -o json (a List with items)`);
  }
  const kind = field === 'nodes' ? 'Node' : 'Pod';
  items.forEach((item, index) => {
    const object = item as { kind?: unknown; metadata?: unknown } | null;
    if (typeof object?.metadata !== 'object') {
      throw new Error(`${field} file ${shown}: item ${index} is not a ${kind} (no metadata)`);
    }
    if (typeof object.kind === 'string' && object.kind !== kind) {
      throw new Error(`${field} file ${shown}: item ${index} is not a ${kind} (kind ${object.kind})`);
    }
  });
  return items;
}

/**
 * The nodes of the clusters saved under `nodepools.triage.files`, rolled
 * up per pool by the same code as a live cluster's: the saved cluster's
 * pools show their observed nodes (ready count, capacity) without a
 * connection to any cluster. Its copies of pools rank as a file's.
 */
export class SnapshotNodesSource implements PoolSource, ObservingSource {
  readonly id = 'triage-files';
  readonly kind = 'file';
  readonly target: string;

  constructor(
    private readonly snapshots: SnapshotFiles[],
    private readonly baseDir: string,
    private readonly poolLabelKeys: readonly string[],
    /** Pod labels counted per pool to tell which workloads run on it. */
    private readonly workloadLabelKeys?: readonly string[],
  ) {
    const names = snapshots.map(s => s.cluster.cluster);
    this.target = `saved nodes of ${names.length} cluster${names.length === 1 ? '' : 's'}: ${names.join(', ')}`;
  }

  list(): Promise<ScopeListing[]> {
    return this.listObserved();
  }

  listObserved(): Promise<ObservedClusterListing[]> {
    return Promise.all(this.snapshots.map(snapshot => this.rollUp(snapshot)));
  }

  private async rollUp(snapshot: SnapshotFiles): Promise<ObservedClusterListing> {
    const { cluster, account, region } = snapshot.cluster;
    const identity: PoolIdentity = {
      cluster,
      ...(account ? { account } : {}),
      ...(region ? { region } : {}),
    };
    const shown = (file: string) => configRelativePath(this.baseDir, file);
    const base = {
      scope: `file:${snapshot.nodes}`,
      clusterName: snapshot.cluster.cluster,
      identity,
    };
    const rollUp = new NodeRollUp(
      clusterRef(snapshot.cluster),
      this.poolLabelKeys,
      this.workloadLabelKeys,
    );
    let savedAt: Date;
    try {
      const [nodes, pods] = await Promise.all([
        readSnapshotJson(this.baseDir, snapshot.nodes, 'nodes'),
        readSnapshotJson(this.baseDir, snapshot.pods, 'pods'),
      ]);
      rollUp.addNodes(itemsOf(nodes.json, 'nodes', shown(snapshot.nodes)) as V1Node[]);
      rollUp.addPods(itemsOf(pods.json, 'pods', shown(snapshot.pods)) as V1Pod[]);
      savedAt = nodes.modifiedAt;
    } catch (error) {
      return { ...base, complete: false, pools: [], observed: [], unpooledNodes: 0, error: (error as Error).message };
    }
    const observed = rollUp.rolledUp(savedAt.toISOString()).map(pool => ({
      ...pool,
      provider: providerOfPoolLabel(pool.poolLabel),
    }));
    return {
      ...base,
      complete: true,
      pools: observed.map(pool => observedPoolToPoolSpec(pool, identity)),
      observed,
      unpooledNodes: rollUp.unpooledNodes,
      ...(rollUp.issues.length ? { issues: rollUp.issues } : {}),
    };
  }
}
