import {
  clusterRef,
  matchingClusters,
  mergeClusters,
  type ClusterIdentity,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';

/** A cluster name or partial ref that more than one cluster of the inventory answers to. */
export class AmbiguousClusterError extends Error {
  readonly name = 'AmbiguousClusterError';
  /** The refs of the clusters it may mean. */
  readonly candidates: string[];

  constructor(wanted: ClusterIdentity, candidates: ClusterIdentity[]) {
    const refs = candidates.map(clusterRef).sort();
    super(
      `'${clusterRef(wanted)}' may be any of ${refs.length} clusters: ${refs.join(', ')}`,
    );
    this.candidates = refs;
  }
}

/**
 * The cluster of the inventory an identity names, said as fully as the
 * inventory knows it; the identity itself when no pool names it. Throws
 * AmbiguousClusterError when it may be several clusters (two `prod`s).
 */
export async function resolveCluster(
  store: Pick<PoolStore, 'findClusters'>,
  wanted: ClusterIdentity,
): Promise<ClusterIdentity> {
  const matches = matchingClusters(wanted, await store.findClusters(wanted.cluster));
  if (matches.length > 1) throw new AmbiguousClusterError(wanted, matches);
  return matches.length ? mergeClusters(wanted, matches[0]) : wanted;
}
