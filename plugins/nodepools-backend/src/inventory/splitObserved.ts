import { poolRef } from '@nodepools/plugin-nodepools-common';
import { matchesCloudPool } from './matchesCloudPool';
import type {
  ObservedClusterListing,
  ObservingSource,
  ScopeListing,
} from '../sources/types';
import type { ObservedUpdate, PoolStore } from '../store/PoolStore';

export type { ObservingSource };

export function isObservingSource(source: object): source is ObservingSource {
  return typeof (source as Partial<ObservingSource>).listObserved === 'function';
}

/**
 * Splits what clusters report into pools of their own (`kubernetes` pools,
 * for node groups no cloud source knows) and node roll-ups to merge onto the
 * cloud pools they belong to, so one pool shows both views.
 */
export async function splitObserved(
  listings: ObservedClusterListing[],
  store: Pick<PoolStore, 'findCloudPools'>,
): Promise<{ listings: ScopeListing[]; observed: ObservedUpdate[] }> {
  const scopeListings: ScopeListing[] = [];
  const observed: ObservedUpdate[] = [];
  for (const listing of listings) {
    const cloudPools = await store.findCloudPools(listing.identity);
    const ownPools = [];
    const entries = [];
    for (const [index, pool] of listing.observed.entries()) {
      const cloudPool = cloudPools.find(c =>
        matchesCloudPool(c, pool, listing.identity),
      );
      const workloads = pool.workloads ? { workloads: pool.workloads } : {};
      if (cloudPool) {
        entries.push({ ref: cloudPool.ref, observed: pool.observed, ...workloads });
      } else {
        const spec = listing.pools[index];
        ownPools.push(spec);
        entries.push({ ref: poolRef(spec), observed: pool.observed, ...workloads });
      }
    }
    const { observed: _rollups, clusterName: _name, identity, unpooledNodes: _n, ...base } =
      listing;
    scopeListings.push({ ...base, pools: ownPools });
    observed.push({
      scope: listing.scope,
      complete: listing.complete && !listing.error,
      // The cluster as read from inside: its nodes do not say its platform.
      cluster: { provider: 'kubernetes', ...identity },
      entries,
    });
  }
  return { listings: scopeListings, observed };
}
