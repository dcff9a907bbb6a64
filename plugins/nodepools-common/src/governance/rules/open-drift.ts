import { poolFinding } from '../context';
import type { GovernanceRule } from './types';

/** A pool with open, unacknowledged drift findings: it is not what its IaC says. */
export const openDriftRule: GovernanceRule = {
  id: 'open-drift',
  severity: 'medium',
  description: 'The pool has open drift findings: it differs from its declaration.',
  evaluate: (_input, ctx) =>
    ctx.pools
      .filter(entry => entry.openDrift > 0)
      .map(entry =>
        poolFinding(openDriftRule, ctx.facts(entry.pool.ref), {
          message: `Pool ${entry.pool.name} in ${entry.pool.cluster} has ${entry.openDrift} open drift finding${entry.openDrift === 1 ? '' : 's'}.`,
          details: { openDrift: entry.openDrift },
          fix: 'review the pool’s drift: revert the change, update the declaration, or acknowledge it with a reason',
        }),
      ),
};
