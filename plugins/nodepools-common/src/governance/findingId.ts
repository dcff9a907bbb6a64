import { findingId } from '../drift/findingId';
import type { GovernanceRuleId } from './types';

const DRIFT_PREFIX = 'drift-';

/**
 * The stable id of a governance finding: the same rule about the same pool
 * (or cluster) always gives the same id, so acknowledgements and first-seen
 * times survive re-evaluation. The hash is the drift findings' (64-bit FNV-1a,
 * no crypto: the common package runs in the browser too) over the subject
 * and the rule, with its own prefix.
 */
export function governanceFindingId(rule: GovernanceRuleId, subjectRef: string): string {
  const hash = findingId({ ref: subjectRef, field: rule, cause: 'governance' });
  return `gov-${hash.slice(DRIFT_PREFIX.length)}`;
}
