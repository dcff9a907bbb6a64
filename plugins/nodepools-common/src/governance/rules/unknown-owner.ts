import { poolFinding } from '../context';
import { ownerFix } from '../fixes';
import type { GovernanceRule } from './types';

/**
 * A pool whose owner the catalog does not know as a Group or User
 * (`ownerStatus` `unknown`). `unchecked` (not asked yet, or the catalog
 * could not be asked) says nothing either way and gives no finding.
 */
export const unknownOwnerRule: GovernanceRule = {
  id: 'unknown-owner',
  severity: 'medium',
  description: 'The pool’s owner is no Group or User of the catalog.',
  evaluate: (_input, ctx) =>
    ctx.pools
      .filter(({ pool }) => pool.owner && pool.ownerStatus === 'unknown')
      .map(({ pool }) =>
        poolFinding(unknownOwnerRule, ctx.facts(pool.ref), {
          message: `Pool ${pool.name} in ${pool.cluster} is owned by ${pool.owner}, which is no Group or User in the catalog.`,
          details: { owner: pool.owner!, ...(pool.ownerSource ? { ownerSource: pool.ownerSource } : {}) },
          fix: `add ${pool.owner} to the catalog, or ${ownerFix(pool)}`,
        }),
      ),
};
