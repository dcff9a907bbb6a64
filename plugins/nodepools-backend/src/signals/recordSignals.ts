import type { LoggerService } from '@backstage/backend-plugin-api';
import { poolRef } from '@nodepools/plugin-nodepools-common';
import { matchesCloudPool } from '../inventory/matchesCloudPool';
import { isObservingSource } from '../inventory/splitObserved';
import { subnetIdsOfRecord, type EksScopeListing } from '../sources/eks';
import type { NodeUsage } from '../sources/kubernetes';
import type {
  ObservedClusterListing,
  ObservingSource,
  PoolSource,
  ScopeListing,
  SourceListOptions,
} from '../sources/types';
import type { PoolStore } from '../store/PoolStore';
import type { PoolSignalsStore } from './PoolSignalsStore';
import type { PoolObservation, PoolSubnetsReading } from './types';

export interface SignalRecorderDeps {
  signals: PoolSignalsStore;
  /** To find which cloud pool an observed pool's nodes belong to, as the sync does. */
  pools: Pick<PoolStore, 'findCloudPools'>;
  logger: LoggerService;
}

/**
 * The source as it is, plus what its listings carry besides pools, handed
 * to the signals store as they pass: the usage and requests of observed
 * pools (`metrics.k8s.io`, the node roll-up), the subnets' headroom of EKS
 * node groups. The sync never sees a difference: the listings are returned
 * untouched, and a failed write is logged, never thrown, so the signals
 * stay out of the pool rows and their list documents.
 */
export function recordSignals(source: PoolSource, deps: SignalRecorderDeps): PoolSource {
  const recorded: PoolSource & Partial<ObservingSource> = {
    id: source.id,
    kind: source.kind,
    target: source.target,
    list: async (options: SourceListOptions) => {
      const listings = await source.list(options);
      await guarded(deps, source.id, () => recordSubnets(listings, deps.signals));
      return listings;
    },
  };
  if (isObservingSource(source)) {
    recorded.listObserved = async (options: SourceListOptions) => {
      const listings = await source.listObserved(options);
      await guarded(deps, source.id, () => recordObserved(listings, deps));
      return listings;
    };
  }
  return recorded;
}

async function guarded(deps: SignalRecorderDeps, sourceId: string, write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error) {
    deps.logger.warn(
      `The pool signals read by source ${sourceId} could not be stored; the last stored values stay: ${
        (error as Error).message
      }`,
    );
  }
}

/** Each observed pool's usage and requests, under the ref the sync files its roll-up under. */
export async function recordObserved(
  listings: ObservedClusterListing[],
  deps: Pick<SignalRecorderDeps, 'signals' | 'pools'>,
): Promise<number> {
  const observations: PoolObservation[] = [];
  for (const listing of listings) {
    // Only whole roll-ups: part of a cluster's nodes would be wrong numbers.
    if (!listing.complete || listing.error || !listing.observed.length) continue;
    const cloudPools = await deps.pools.findCloudPools(listing.identity);
    listing.observed.forEach((pool, index) => {
      const cloudPool = cloudPools.find(c => matchesCloudPool(c, pool, listing.identity));
      const spec = listing.pools[index];
      const ref = cloudPool?.ref ?? (spec ? poolRef(spec) : undefined);
      if (!ref) return;
      const usage = (pool as { usage?: NodeUsage }).usage;
      const { requested, observedAt } = pool.observed;
      observations.push({
        ref,
        observedAt,
        ...(usage ? { used: { cpu: usage.cpu, memory: usage.memory } } : {}),
        requested: { cpu: requested.cpu ?? 0, memory: requested.memory ?? 0 },
      });
    });
  }
  return observations.length ? deps.signals.recordObservations(observations) : 0;
}

/** Each EKS pool's subnets from its listing's `DescribeSubnets` reading. */
export async function recordSubnets(
  listings: ScopeListing[],
  signals: PoolSignalsStore,
): Promise<number> {
  const readings: PoolSubnetsReading[] = [];
  for (const listing of listings as EksScopeListing[]) {
    const headroom = listing.subnetHeadroom;
    if (!headroom) continue;
    const byId = new Map(headroom.subnets.map(subnet => [subnet.id, subnet]));
    for (const pool of listing.pools) {
      const ids = subnetIdsOfRecord(pool.raw);
      if (!ids.length) continue;
      readings.push({
        ref: poolRef(pool),
        // A subnet the answer left out is unknown, not empty: it is not listed.
        subnets: ids.flatMap(id => byId.get(id) ?? []),
        observedAt: headroom.observedAt,
      });
    }
  }
  return readings.length ? signals.recordSubnets(readings) : 0;
}
