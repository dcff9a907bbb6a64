import {
  clusterOfPool,
  clusterRef,
  clustersAgree,
  isInClusterProvider,
  type ClusterIdentity,
  type PoolListItem,
} from '@nodepools/plugin-nodepools-common';

/** The cluster a set of pools belongs to, with those pools. */
export interface ClusterGroup {
  ref: string;
  identity: ClusterIdentity;
  pools: PoolListItem[];
}

/**
 * Groups pools by the cluster they run in. Pools read from inside a
 * cluster (Karpenter NodePools, observed `kubernetes` pools) name no
 * platform: they join the one cloud cluster they agree with (an EKS
 * cluster's Karpenter pools join its node groups), or else form a cluster
 * of provider `kubernetes` of their own.
 */
export function groupByCluster(pools: Iterable<PoolListItem>): Map<string, ClusterGroup> {
  const all = [...pools];
  const cloudByName = new Map<string, ClusterIdentity[]>();
  for (const pool of all) {
    if (isInClusterProvider(pool.provider)) continue;
    const identity = clusterOfPool(pool);
    const known = cloudByName.get(identity.cluster) ?? [];
    if (!known.some(c => clusterRef(c) === clusterRef(identity))) known.push(identity);
    cloudByName.set(identity.cluster, known);
  }
  const groups = new Map<string, ClusterGroup>();
  for (const pool of all) {
    let identity = clusterOfPool(pool);
    if (isInClusterProvider(pool.provider)) {
      const agreeing = (cloudByName.get(identity.cluster) ?? []).filter(c => clustersAgree(c, identity));
      identity = agreeing.length === 1 ? agreeing[0] : { ...identity, provider: 'kubernetes' };
    }
    const ref = clusterRef(identity);
    const group = groups.get(ref);
    if (group) group.pools.push(pool);
    else groups.set(ref, { ref, identity, pools: [pool] });
  }
  return groups;
}
