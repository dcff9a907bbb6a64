import type { ClusterPlan } from './plan';
import { writeClusters, type GeneratedInventory } from './writeInventory';

export interface ScalingChange {
  pools: number;
  files: number;
}

/**
 * Raises the autoscaler maximum of `pools` pools, spread evenly over the
 * inventory, and rewrites only the files of their clusters. Each call
 * changes the plan further, so repeated calls keep producing changes.
 */
export async function applyScalingChange(
  inventory: GeneratedInventory,
  options: { pools: number },
): Promise<ScalingChange> {
  const eligible = inventory.plans.flatMap(plan =>
    plan.pools.filter(pool => pool.autoscaling).map(pool => ({ plan, pool })),
  );
  if (eligible.length < options.pools) {
    throw new Error(
      `cannot change ${options.pools} pools: ` +
        `only ${eligible.length} of ${inventory.poolCount} autoscale`,
    );
  }
  const stride = eligible.length / options.pools;
  const touched = new Set<ClusterPlan>();
  for (let i = 0; i < options.pools; i++) {
    const { plan, pool } = eligible[Math.floor(i * stride)];
    pool.max += 1;
    touched.add(plan);
  }
  await writeClusters(inventory.dir, [...touched]);
  return { pools: options.pools, files: touched.size };
}
