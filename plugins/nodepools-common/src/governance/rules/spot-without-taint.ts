import { poolFinding } from '../context';
import { taintFix } from '../fixes';
import type { GovernanceRule } from './types';

/**
 * A spot pool (or a Karpenter NodePool that may launch spot) whose nodes
 * repel no pod: no NoSchedule or NoExecute taint of its own, of its
 * provider (AKS taints spot pools itself, GKE Autopilot its spot nodes) or
 * on every observed node. Any pod can land there and be interrupted.
 */
export const spotWithoutTaintRule: GovernanceRule = {
  id: 'spot-without-taint',
  severity: 'high',
  description: 'A spot pool without a NoSchedule or NoExecute taint takes pods that cannot bear interruptions.',
  evaluate: (_input, ctx) =>
    ctx.pools
      .filter(({ pool }) => pool.capacityType === 'spot' || (pool.capacityType === 'mixed' && pool.provider === 'karpenter'))
      .filter(({ pool }) => ctx.facts(pool.ref).repellingTaints.length === 0)
      .map(({ pool }) =>
        poolFinding(spotWithoutTaintRule, ctx.facts(pool.ref), {
          message: `Pool ${pool.name} in ${pool.cluster} runs ${pool.capacityType === 'spot' ? 'spot' : 'spot and on-demand'} capacity and has no NoSchedule or NoExecute taint: any pod may land on nodes that can be reclaimed at short notice.`,
          details: { capacityType: pool.capacityType },
          fix: taintFix(pool, { key: 'spot', value: 'true', effect: 'NoSchedule' }, 'keep interruptible nodes for pods that tolerate it'),
        }),
      ),
};
