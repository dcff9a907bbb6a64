import { DEFAULT_OWNER_KEYS, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../../inventory/preparePool';
import type { PoolStore } from '../../store/PoolStore';
import { makePoolSpec } from '../../testing/makePoolSpec';

const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };

const CLUSTERS: Array<Pick<PoolSpec, 'provider' | 'account' | 'region' | 'cluster'>> = [
  { provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'payments-prod' },
  { provider: 'gke', account: 'acme-search', region: 'europe-west1', cluster: 'search' },
  // A second cluster named payments-prod, in another region.
  { provider: 'eks', account: '111122223333', region: 'us-east-1', cluster: 'payments-prod' },
  // NodePools read from inside the first cluster: no account or region of their own.
  { provider: 'karpenter', account: undefined, region: undefined, cluster: 'payments-prod' },
];

/** Owner tags as teams write them: case differs, some pools have none. */
const OWNERS = ['team-payments', 'team-search', 'Team-ML', undefined];

/**
 * 48 pools over four clusters and four owners (one of them none), with
 * node counts that repeat and go missing, so that paging meets ties and
 * nulls on every sort.
 */
export function fleetSpecs(): PoolSpec[] {
  const specs: PoolSpec[] = [];
  for (let i = 0; i < 48; i += 1) {
    const owner = OWNERS[i % OWNERS.length];
    specs.push(
      makePoolSpec({
        ...CLUSTERS[Math.floor(i / 3) % CLUSTERS.length],
        name: `pool-${String(i).padStart(2, '0')}`,
        nodeCount: i % 5 === 0 ? undefined : i % 7,
        capacityType: i % 2 ? 'spot' : 'on-demand',
        tags: owner ? { owner } : {},
      }),
    );
  }
  return specs;
}

export async function seedFleet(store: Pick<PoolStore, 'applySync'>): Promise<void> {
  await store.applySync({
    source: { id: 'files', kind: 'file', target: 'fleet' },
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:00:01.000Z',
    outcome: {
      listings: [
        {
          scope: 'file:fleet.json',
          complete: true,
          pools: fleetSpecs().map(spec => preparePool(spec, ownership)),
        },
      ],
    },
  });
}
