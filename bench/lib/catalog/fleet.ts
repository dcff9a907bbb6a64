import type { PoolSpec } from '@nodepools/plugin-nodepools-common';

/** Pools per cluster: each cluster's pools share an owner, so one changed pool leaves its cluster's owner alone. */
export const POOLS_PER_CLUSTER = 5;

const PROVIDERS = [
  { provider: 'eks', region: 'us-east-1', account: '111122223333', machine: 'm6i.xlarge' },
  { provider: 'gke', region: 'europe-west4', account: 'platform-prod', machine: 'n2-standard-8' },
  { provider: 'aks', region: 'westeurope', account: '0a1b2c3d-1111-4222-8333-444455556666', machine: 'Standard_D8s_v5' },
  { provider: 'doks', region: 'nyc1', account: 'team-edge', machine: 's-4vcpu-8gb' },
  { provider: 'karpenter', region: 'us-west-2', account: '111122223333', machine: 'c7g.2xlarge' },
] as const;

const POOL_NAMES = ['general', 'Spot_Batch', 'gpu-L4', 'system', 'ingress edge'];

/** The owner tag of a cluster's pools: 200 teams. */
export function teamOf(cluster: number): string {
  return `team-${String(cluster % 200).padStart(3, '0')}`;
}

/**
 * `clusters` clusters of five providers with five pools each; pool names
 * with capitals, underscores and spaces, so some need the hashed name form.
 */
export function fleet(clusters: number): PoolSpec[] {
  const pools: PoolSpec[] = [];
  for (let c = 0; c < clusters; c++) {
    const where = PROVIDERS[c % PROVIDERS.length];
    const cluster = `${where.provider}-cluster-${String(c).padStart(4, '0')}`;
    for (let p = 0; p < POOLS_PER_CLUSTER; p++) {
      const name = POOL_NAMES[p];
      pools.push({
        provider: where.provider,
        account: where.account,
        region: where.region,
        cluster,
        name,
        mode: p === 3 ? 'system' : 'user',
        os: 'linux',
        machineTypes: [where.machine],
        capacityType: p === 1 ? 'spot' : 'on-demand',
        nodeCount: 3 + p,
        autoscaling: { enabled: true, min: 1, max: 10 },
        labels: {},
        taints: [],
        zones: [],
        tags: { team: teamOf(c) },
        raw: { name },
      });
    }
  }
  return pools;
}

/**
 * The same fleet with every `step`-th cluster's first pool handed to
 * another team: one pool in a hundred with `step` 20.
 */
export function withChangedOwners(pools: PoolSpec[], step: number, newTeam: string): PoolSpec[] {
  return pools.map((pool, index) => {
    const cluster = Math.floor(index / POOLS_PER_CLUSTER);
    const first = index % POOLS_PER_CLUSTER === 0;
    return first && cluster % step === 0 ? { ...pool, tags: { team: newTeam } } : pool;
  });
}
