import { poolFinding } from '../context';
import { autoscalingFix } from '../fixes';
import type { GovernanceRule } from './types';

/** A user pool whose autoscaler range allows one size (min == max): autoscaling in name only. Same scope as `autoscaling-off`. */
export const fixedSizeRule: GovernanceRule = {
  id: 'fixed-size',
  severity: 'low',
  description: 'A user pool whose autoscaler minimum equals its maximum.',
  evaluate: (_input, ctx) =>
    ctx.pools
      .filter(({ pool }) => pool.mode === 'user' && pool.autoscaling.enabled)
      .filter(({ pool }) => pool.autoscaling.min !== undefined && pool.autoscaling.min === pool.autoscaling.max)
      .filter(({ pool }) => pool.provider !== 'kubernetes' && pool.capacityType !== 'capacity-block')
      .map(({ pool }) => {
        const size = pool.autoscaling.min!;
        return poolFinding(fixedSizeRule, ctx.facts(pool.ref), {
          message: `Pool ${pool.name} in ${pool.cluster} autoscales between ${size} and ${size} nodes: it can neither grow nor shrink.`,
          details: { min: size, max: size },
          fix: autoscalingFix(pool, Math.min(1, size), Math.max(size * 2, 1), 'widen the range'),
        });
      }),
};
