import { poolFinding } from '../context';
import { autoscalingFix } from '../fixes';
import type { GovernanceRule } from './types';

/**
 * A GPU, accelerator or high-memory pool whose autoscaler has no upper
 * bound: autoscaling on with no maximum, and (Karpenter) no `spec.limits`.
 * One runaway job can buy any number of the dearest nodes.
 */
export const specialisedWithoutLimitRule: GovernanceRule = {
  id: 'specialised-without-limit',
  severity: 'medium',
  description: 'A GPU, accelerator or high-memory pool whose autoscaler has no maximum.',
  evaluate: (_input, ctx) =>
    ctx.pools.flatMap(({ pool }) => {
      const facts = ctx.facts(pool.ref);
      const special = facts.specialisation;
      const unbounded =
        pool.autoscaling.enabled && pool.autoscaling.max === undefined && Object.keys(pool.limits ?? {}).length === 0;
      if (!special || !unbounded) return [];
      const nodes = pool.observed?.nodeCount ?? pool.nodeCount ?? 0;
      return [
        poolFinding(specialisedWithoutLimitRule, facts, {
          message: `Pool ${pool.name} in ${pool.cluster} is a ${special.kind} pool (${special.because}) whose autoscaler has no upper bound.`,
          details: { specialisation: special.kind, nodes },
          fix: autoscalingFix(pool, pool.autoscaling.min ?? 0, Math.max(1, nodes * 2), 'bound the pool'),
        }),
      ];
    }),
};
