import { poolFinding } from '../context';
import type { GovernanceRule } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A pool with an owner who has not confirmed it within the review period
 * (`reviewPeriodDays`): no confirmation, one by another owner (the pool
 * changed hands since), or one older than the period.
 */
export const unconfirmedOwnershipRule: GovernanceRule = {
  id: 'unconfirmed-ownership',
  severity: 'low',
  description: 'The pool’s owner has not confirmed it within the review period.',
  evaluate: (input, ctx) => {
    const since = input.now.getTime() - input.options.reviewPeriodDays * DAY_MS;
    return ctx.pools.flatMap(({ pool }) => {
      if (!pool.owner) return [];
      const confirmation = input.confirmations.get(pool.ref);
      const current = confirmation && confirmation.owner === pool.owner && !confirmation.handedTo;
      if (current && Date.parse(confirmation!.at) >= since) return [];
      return [
        poolFinding(unconfirmedOwnershipRule, ctx.facts(pool.ref), {
          message: current
            ? `${pool.owner} last confirmed pool ${pool.name} in ${pool.cluster} on ${confirmation!.at.slice(0, 10)}, more than ${input.options.reviewPeriodDays} days ago.`
            : `${pool.owner} has not confirmed owning pool ${pool.name} in ${pool.cluster}.`,
          details: {
            owner: pool.owner,
            reviewPeriodDays: input.options.reviewPeriodDays,
            ...(current ? { lastConfirmedAt: confirmation!.at } : {}),
          },
          fix: `${pool.owner} confirms the pool (or hands it over) in the owner review`,
        }),
      ];
    });
  },
};
