import { poolFinding } from '../context';
import { taintFix } from '../fixes';
import type { GovernanceRule } from './types';

const TAINT_KEYS = { gpu: 'nvidia.com/gpu', accelerator: 'accelerator', 'high-memory': 'workload-class' } as const;

/**
 * A GPU, accelerator or high-memory pool (see `specialisation`) whose nodes
 * repel no pod (its own taints, its provider's: GKE taints GPU pools
 * itself, and those every observed node carries). Ordinary pods then take
 * the dearest nodes of the cluster.
 */
export const specialisedWithoutTaintRule: GovernanceRule = {
  id: 'specialised-without-taint',
  severity: 'high',
  description: 'A GPU, accelerator or high-memory pool without a NoSchedule or NoExecute taint takes ordinary pods.',
  evaluate: (_input, ctx) =>
    ctx.pools.flatMap(({ pool }) => {
      const facts = ctx.facts(pool.ref);
      const special = facts.specialisation;
      if (!special || facts.repellingTaints.length > 0) return [];
      const value = special.kind === 'high-memory' ? 'high-memory' : 'present';
      return [
        poolFinding(specialisedWithoutTaintRule, facts, {
          message: `Pool ${pool.name} in ${pool.cluster} is a ${special.kind} pool (${special.because}) with no NoSchedule or NoExecute taint: ordinary pods can fill its nodes.`,
          details: { specialisation: special.kind, because: special.because },
          fix: taintFix(pool, { key: TAINT_KEYS[special.kind], value, effect: 'NoSchedule' }, 'keep the specialised nodes for the pods that need them'),
        }),
      ];
    }),
};
