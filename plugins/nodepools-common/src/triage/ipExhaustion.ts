import type { EventRecord } from './read';

/**
 * Event messages of CNI plugins that ran out of pod IP addresses: the EKS
 * VPC CNI ("failed to assign an IP address to container") and Azure CNI
 * ("failed to allocate address", "no available addresses", subnet full).
 */
export const IP_EXHAUSTION_PATTERNS: readonly RegExp[] = [
  /failed to assign an IP address/i,
  /failed to allocate (an )?(IP )?address/i,
  /no (more )?available (IP )?addresses/i,
  /IP address(es)? (pool )?(is |are )?exhausted/i,
  /InsufficientSubnetSize|SubnetIsFull|subnet is full/i,
];

/** The latest event saying the pod's sandbox got no IP address, if any. */
export function ipExhaustionEvent(events: readonly EventRecord[] | undefined): EventRecord | undefined {
  const matching = (events ?? []).filter(e => IP_EXHAUSTION_PATTERNS.some(p => p.test(e.message)));
  return matching[matching.length - 1];
}
