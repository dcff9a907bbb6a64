import { poolFinding } from '../context';
import type { GovernanceRule } from './types';

/** A pool whose source failed its last sync (or was not refreshed in time): every other figure of it may be old. */
export const staleSourceRule: GovernanceRule = {
  id: 'stale-source',
  severity: 'medium',
  description: 'The pool’s source has not refreshed it: what the other rules say of it may be out of date.',
  evaluate: (_input, ctx) =>
    ctx.pools
      .filter(({ pool }) => pool.stale)
      .map(({ pool }) =>
        poolFinding(staleSourceRule, ctx.facts(pool.ref), {
          message: `Pool ${pool.name} in ${pool.cluster} is stale: ${pool.staleReason ?? 'its source failed its last sync'}.`,
          details: { source: pool.source, lastSeenAt: pool.lastSeenAt, ...(pool.staleReason ? { staleReason: pool.staleReason } : {}) },
          fix: `fix source ${pool.source} (the sources page shows its last error) and sync it again`,
        }),
      ),
};
