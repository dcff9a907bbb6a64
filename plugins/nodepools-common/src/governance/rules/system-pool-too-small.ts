import { poolFinding } from '../context';
import { autoscalingFix } from '../fixes';
import type { GovernanceRule } from './types';
import { fewestNodes } from './systemPools';

/** Fewest nodes a system pool should keep: one node lost (or upgraded) must leave one. */
export const SYSTEM_POOL_MIN_NODES = 2;

/**
 * A system pool that can shrink below 2 nodes (its autoscaler minimum, or
 * its count when fixed; see `fewestNodes`): one node's upgrade or loss
 * takes the cluster's DNS and add-ons down.
 */
export const systemPoolTooSmallRule: GovernanceRule = {
  id: 'system-pool-too-small',
  severity: 'high',
  description: 'A system pool that can shrink below 2 nodes.',
  evaluate: (_input, ctx) =>
    ctx.pools.flatMap(({ pool }) => {
      if (pool.mode !== 'system') return [];
      const fewest = fewestNodes(pool);
      if (fewest === undefined || fewest >= SYSTEM_POOL_MIN_NODES) return [];
      const max = Math.max(SYSTEM_POOL_MIN_NODES, pool.autoscaling.max ?? 0, pool.nodeCount ?? 0);
      return [
        poolFinding(systemPoolTooSmallRule, ctx.facts(pool.ref), {
          message: `System pool ${pool.name} in ${pool.cluster} can run with ${fewest} node${fewest === 1 ? '' : 's'}: one node's upgrade or loss stops the cluster's system pods.`,
          details: { fewestNodes: fewest, minimum: SYSTEM_POOL_MIN_NODES },
          fix: autoscalingFix(pool, SYSTEM_POOL_MIN_NODES, max, `keep at least ${SYSTEM_POOL_MIN_NODES} nodes`),
        }),
      ];
    }),
};
