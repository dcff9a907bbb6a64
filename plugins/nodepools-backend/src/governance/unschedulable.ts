import {
  clusterOfPool,
  clusterRef,
  clustersAgree,
  fitsSomewhereAfterScaleUp,
  type ClusterIdentity,
  type ClusterUnschedulable,
  type NodePool,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import type { TriageStore } from '../store/TriageStore';

const EXAMPLES = 5;

/**
 * What each cluster's report said, by cluster ref and the collection it
 * came from: a report is parsed once, not at every evaluation.
 */
export type UnschedulableCache = Map<string, { collectedAt: string; unschedulable?: ClusterUnschedulable }>;

/**
 * The pods of one stored report that no pool can take, even after a
 * scale-up: pending pods whose scheduling signature no pool's verdict
 * fits after scale-up. Pods already placed (waiting for an address or a
 * missing node) are left out.
 */
export function unschedulableOf(report: TriageReport, analyzedAt: string): ClusterUnschedulable | undefined {
  const hopeless = new Set(
    report.signatures.filter(s => !fitsSomewhereAfterScaleUp(s)).map(s => s.id),
  );
  const pods = report.pods.filter(p => p.state === 'unscheduled' && !p.placed && hopeless.has(p.signature));
  if (!pods.length) return undefined;
  return {
    pods: pods.length,
    examples: pods.slice(0, EXAMPLES).map(p => `${p.namespace}/${p.name}`),
    analyzedAt,
  };
}

/**
 * Unschedulable pods per cluster ref, from the latest report of each
 * cluster with pending pods (only those reports are read in full). A
 * report is kept under its own ref and under the ref of every pool's
 * cluster it agrees with, since a collection configured by name only is
 * stored as `kubernetes/-/-/<name>` while the pools know their cloud.
 */
export async function loadUnschedulable(
  triage: Pick<TriageStore, 'listClusters' | 'getReport'>,
  pools: readonly NodePool[],
  cache: UnschedulableCache = new Map(),
): Promise<Map<string, ClusterUnschedulable>> {
  const poolClusters = new Map<string, ClusterIdentity>();
  for (const pool of pools) {
    const identity = clusterOfPool(pool);
    poolClusters.set(clusterRef(identity), identity);
  }
  const found = new Map<string, ClusterUnschedulable>();
  for (const cluster of await triage.listClusters()) {
    if (!cluster.collectedAt || cluster.pendingPods <= 0) {
      cache.delete(cluster.clusterRef);
      continue;
    }
    let entry = cache.get(cluster.clusterRef);
    if (entry?.collectedAt !== cluster.collectedAt) {
      const stored = await triage.getReport(cluster.clusterRef);
      if (!stored) continue;
      entry = {
        collectedAt: cluster.collectedAt,
        unschedulable: unschedulableOf(JSON.parse(stored.reportJson) as TriageReport, stored.collectedAt),
      };
      cache.set(cluster.clusterRef, entry);
    }
    const { unschedulable } = entry;
    if (!unschedulable) continue;
    found.set(cluster.clusterRef, unschedulable);
    for (const [ref, identity] of poolClusters) {
      if (clustersAgree(identity, cluster)) found.set(ref, unschedulable);
    }
  }
  return found;
}
