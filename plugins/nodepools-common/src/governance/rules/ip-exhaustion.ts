import { providerProfile } from '../../providers/registry';
import { poolFinding } from '../context';
import type { GovernanceRule } from './types';

/**
 * A pool that can take fewer than `ipHeadroomRatio` (default 10 %) of its
 * pod capacity more pods before it runs out of addresses: free pod slots of
 * its nodes, or free addresses of its subnets, whichever is lower (see
 * `ipHeadroom`). Pools without nodes or without a known capacity give
 * nothing.
 */
export const ipExhaustionRule: GovernanceRule = {
  id: 'ip-exhaustion',
  severity: 'high',
  description: 'The pool is about to run out of pod addresses.',
  evaluate: (input, ctx) =>
    ctx.pools.flatMap(({ pool }) => {
      const facts = ctx.facts(pool.ref);
      const { ip } = facts;
      if (!ip.podCapacity || ip.podsBeforeExhaustion === undefined) return [];
      const ratio = ip.podsBeforeExhaustion / ip.podCapacity;
      if (ratio >= input.options.ipHeadroomRatio) return [];
      const subnetBound = ip.subnetIpsFree !== undefined && ip.subnetIpsFree === ip.podsBeforeExhaustion;
      const profile = providerProfile(pool.provider);
      const prefixes = ip.prefixDelegationHelps
        ? `; prefix delegation would let each node hold ${ip.maxPodsPerNodeWithPrefixes} pods instead of ${ip.maxPodsPerNode}`
        : '';
      return [
        poolFinding(ipExhaustionRule, facts, {
          message: `Pool ${pool.name} in ${pool.cluster} can take ${ip.podsBeforeExhaustion} more pod${ip.podsBeforeExhaustion === 1 ? '' : 's'} before it runs out of ${subnetBound ? 'subnet addresses' : 'pod slots'} (${Math.round(ratio * 1000) / 10}% of ${ip.podCapacity}).`,
          details: {
            podsBeforeExhaustion: ip.podsBeforeExhaustion,
            podCapacity: ip.podCapacity,
            ...(ip.podsRunning !== undefined ? { podsRunning: ip.podsRunning } : {}),
            ...(ip.subnetIpsFree !== undefined ? { subnetIpsFree: ip.subnetIpsFree } : {}),
            ...(ip.maxPodsPerNode !== undefined ? { maxPodsPerNode: ip.maxPodsPerNode } : {}),
            prefixDelegationHelps: ip.prefixDelegationHelps,
          },
          fix: `${profile.podIps.whenExhausted}${prefixes}`,
        }),
      ];
    }),
};
