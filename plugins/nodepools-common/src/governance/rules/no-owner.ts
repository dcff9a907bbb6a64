import { poolFinding } from '../context';
import { ownerFix } from '../fixes';
import type { GovernanceRule } from './types';

/** A pool that names no owner: nobody reviews it and its cost lands on no one. */
export const noOwnerRule: GovernanceRule = {
  id: 'no-owner',
  severity: 'medium',
  description: 'The pool names no owner: nobody reviews it, and its cost is nobody’s.',
  evaluate: (_input, ctx) =>
    ctx.pools
      .filter(({ pool }) => !pool.owner)
      .map(({ pool }) =>
        poolFinding(noOwnerRule, ctx.facts(pool.ref), {
          message: `Pool ${pool.name} in ${pool.cluster} has no owner.`,
          fix: ownerFix(pool),
        }),
      ),
};
