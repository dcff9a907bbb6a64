import {
  clusterOfPool,
  clusterRef,
  clustersAgree,
  matchingClusters,
  type ClusterIdentity,
} from '../model/cluster';
import type { ClusterUnschedulable, GovernancePool } from './types';

/** The live pools of one cluster, however many sources list them. */
export interface ClusterGroup {
  /** The cluster ref as fully as the pools know it (an EKS cluster's Karpenter NodePools join it). */
  ref: string;
  identity: ClusterIdentity;
  /** Sorted by ref. */
  pools: GovernancePool[];
  /** The control plane's version as the most recently observed pool read it. */
  controlPlaneVersion?: string;
}

function newestControlPlane(pools: readonly GovernancePool[]): string | undefined {
  let best: { at: string; version: string } | undefined;
  for (const { pool } of pools) {
    const version = pool.observed?.controlPlaneVersion;
    if (version && (!best || pool.observed!.observedAt > best.at)) {
      best = { at: pool.observed!.observedAt, version };
    }
  }
  return best?.version;
}

/**
 * Groups pools into clusters. Pools of one cluster name whose identities
 * agree are one cluster (an EKS cluster's managed node groups and the
 * Karpenter NodePools read from inside it), merged the way cluster
 * selectors are (`matchingClusters`). A pool that agrees with several
 * clusters of its name is its own.
 */
export function groupClusters(pools: readonly GovernancePool[]): ClusterGroup[] {
  const byName = new Map<string, GovernancePool[]>();
  for (const entry of pools) {
    const list = byName.get(entry.pool.cluster) ?? [];
    list.push(entry);
    byName.set(entry.pool.cluster, list);
  }
  const groups = new Map<string, ClusterGroup>();
  for (const [name, members] of byName) {
    const identities = members.map(m => clusterOfPool(m.pool));
    const merged = matchingClusters({ provider: 'kubernetes', cluster: name }, identities);
    members.forEach((member, index) => {
      const agreeing = merged.filter(cluster => clustersAgree(cluster, identities[index]));
      const identity = agreeing.length === 1 ? agreeing[0] : identities[index];
      const ref = clusterRef(identity);
      const group = groups.get(ref) ?? { ref, identity, pools: [] };
      group.pools.push(member);
      groups.set(ref, group);
    });
  }
  return [...groups.values()]
    .map(group => {
      group.pools.sort((a, b) => a.pool.ref.localeCompare(b.pool.ref));
      const controlPlaneVersion = newestControlPlane(group.pools);
      return controlPlaneVersion ? { ...group, controlPlaneVersion } : group;
    })
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

/** The owner of a cluster's pools when they all have the same one. */
export function sharedOwner(pools: readonly GovernancePool[]): string | undefined {
  const owners = new Set(pools.map(p => p.pool.owner));
  const [only] = owners;
  return owners.size === 1 ? only : undefined;
}

/**
 * A cluster's latest triage report. Reports are keyed by cluster ref; a
 * cluster whose pools spell it differently (an EKS cluster's Karpenter
 * pools) is looked up by each spelling.
 */
export function clusterUnschedulable(
  reports: ReadonlyMap<string, ClusterUnschedulable>,
  cluster: ClusterGroup,
): ClusterUnschedulable | undefined {
  const refs = [cluster.ref, ...cluster.pools.map(p => clusterRef(clusterOfPool(p.pool)))];
  return refs.map(ref => reports.get(ref)).find(report => report !== undefined);
}
