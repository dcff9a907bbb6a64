import { clustersAgree, type ClusterIdentity } from '@nodepools/plugin-nodepools-common';
import type { StoredTriage, TriageStore } from '../store/TriageStore';
import { AmbiguousClusterError } from './resolveCluster';

/**
 * The stored triage a cluster ref or name asks for: the report stored
 * under exactly that ref, else the one report whose cluster agrees with it
 * (a bare name, or a pool's cluster ref that says more or less than the
 * collection's configuration). Throws AmbiguousClusterError when several
 * reports agree.
 */
export async function findClusterTriage(
  store: Pick<TriageStore, 'getReport' | 'listClusters'>,
  wanted: { identity: ClusterIdentity; exactRef?: string },
): Promise<StoredTriage | undefined> {
  if (wanted.exactRef) {
    const exact = await store.getReport(wanted.exactRef);
    if (exact) return exact;
  }
  const candidates = (await store.listClusters()).filter(summary =>
    clustersAgree(summary, wanted.identity),
  );
  if (candidates.length > 1) throw new AmbiguousClusterError(wanted.identity, candidates);
  return candidates.length ? store.getReport(candidates[0].clusterRef) : undefined;
}
