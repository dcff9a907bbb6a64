import type { ClusterPlan, PoolPlan } from '../plan';
import { Random } from '../random';
import type { ExportRenderer } from './types';
import { CREATED_AT } from './types';

/** One node pool as the DigitalOcean API returns it, with its nodes. */
function nodePool(plan: ClusterPlan, pool: PoolPlan) {
  // Node ids derive from the pool's id, so re-rendering gives the same bytes.
  const random = new Random(parseInt(pool.id.slice(0, 8), 16));
  return {
    id: pool.id,
    name: pool.name,
    size: pool.machineType,
    count: pool.count,
    tags: ['k8s', `k8s:${plan.id}`, 'k8s:worker', ...(pool.owner ? [`owner:${pool.owner}`] : [])],
    labels: pool.labels,
    taints: pool.taints.map(t => ({ key: t.key, value: t.value ?? '', effect: t.effect })),
    auto_scale: pool.autoscaling,
    min_nodes: pool.autoscaling ? pool.min : 0,
    max_nodes: pool.autoscaling ? pool.max : 0,
    nodes: Array.from({ length: pool.count }, () => ({
      id: random.uuid(),
      name: `${pool.name}-${random.hex(5)}`,
      status: { state: 'running' },
      droplet_id: String(random.int(400000000, 499999999)),
      created_at: CREATED_AT,
      updated_at: CREATED_AT,
    })),
  };
}

/** The `node_pools` list body of the DigitalOcean API. */
export const renderDoksRestList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.doks.json`,
  text: JSON.stringify(
    {
      node_pools: plan.pools.map(pool => nodePool(plan, pool)),
      meta: { total: plan.pools.length },
      links: {},
    },
    null,
    2,
  ),
  context: { cluster: plan.cluster, region: plan.region },
});

/** `doctl kubernetes cluster node-pool list -o json`: a bare array. */
export const renderDoksDoctlList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.doks.json`,
  text: JSON.stringify(plan.pools.map(pool => nodePool(plan, pool)), null, 2),
  context: { cluster: plan.cluster, region: plan.region },
});
