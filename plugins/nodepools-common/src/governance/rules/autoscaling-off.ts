import { poolFinding } from '../context';
import { autoscalingFix } from '../fixes';
import type { GovernanceRule } from './types';

/**
 * A user pool no autoscaler manages. System pools are left to the system
 * pool rules (a fixed system pool over zones is a common, deliberate
 * choice); pools seen only through their nodes (`kubernetes`) have no cloud
 * autoscaler to tell, and capacity-block pools are reserved at a fixed size.
 */
export const autoscalingOffRule: GovernanceRule = {
  id: 'autoscaling-off',
  severity: 'low',
  description: 'A user pool with no autoscaler: it neither grows for pending pods nor shrinks when idle.',
  evaluate: (_input, ctx) =>
    ctx.pools
      .filter(({ pool }) => pool.mode === 'user' && !pool.autoscaling.enabled)
      .filter(({ pool }) => pool.provider !== 'kubernetes' && pool.capacityType !== 'capacity-block')
      .map(({ pool }) => {
        const nodes = pool.nodeCount ?? pool.observed?.nodeCount ?? 0;
        return poolFinding(autoscalingOffRule, ctx.facts(pool.ref), {
          message: `Pool ${pool.name} in ${pool.cluster} has no autoscaler: it stays at ${nodes} node${nodes === 1 ? '' : 's'} whatever its pods need.`,
          details: { nodes },
          fix: autoscalingFix(pool, Math.min(1, nodes), Math.max(nodes * 2, 1), 'turn the autoscaler on'),
        });
      }),
};
