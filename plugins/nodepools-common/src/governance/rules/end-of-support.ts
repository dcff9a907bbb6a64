import { poolFinding } from '../context';
import { upgradeFix } from '../fixes';
import type { GovernanceRule } from './types';

/** How long before the end of support a pool is flagged. */
export const END_OF_SUPPORT_WARNING_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A pool whose oldest node minor version is past its provider's end of
 * standard support (high), or within 60 days of it (medium). Dates are in
 * `data/endOfSupport.ts`; a support day ends at its UTC midnight.
 */
export const endOfSupportRule: GovernanceRule = {
  id: 'end-of-support',
  severity: 'high',
  description: 'The pool runs a Kubernetes minor version past (or near) its provider’s end of standard support.',
  evaluate: (input, ctx) =>
    ctx.pools.flatMap(({ pool }) => {
      const facts = ctx.facts(pool.ref);
      const date = facts.upgrade.endOfSupport;
      if (!date) return [];
      const ends = Date.parse(`${date}T00:00:00Z`) + DAY_MS;
      const daysLeft = Math.ceil((ends - input.now.getTime()) / DAY_MS);
      if (daysLeft > END_OF_SUPPORT_WARNING_DAYS) return [];
      const past = daysLeft <= 0;
      const version = facts.upgrade.kubernetesVersion ?? pool.observed?.kubeletVersions[0] ?? '';
      return [
        poolFinding(endOfSupportRule, facts, {
          severity: past ? 'high' : 'medium',
          message: past
            ? `Pool ${pool.name} in ${pool.cluster} runs ${version}, whose standard support ended on ${date}.`
            : `Pool ${pool.name} in ${pool.cluster} runs ${version}, whose standard support ends on ${date} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'}).`,
          details: { version, endOfSupport: date, daysLeft },
          fix: `${upgradeFix(pool, facts.upgrade.controlPlaneVersion)}; past the date the provider charges extended support or upgrades the cluster itself`,
        }),
      ];
    }),
};
