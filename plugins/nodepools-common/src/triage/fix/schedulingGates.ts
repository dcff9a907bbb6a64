import type { PodNeeds } from '../evaluate';
import type { TriageFix } from '../types';

/** The scheduler does not look at a gated pod: the gates come first. */
export function removeSchedulingGatesFix(needs: PodNeeds): TriageFix | undefined {
  const gates = needs.pod.schedulingGates;
  if (gates.length === 0) return undefined;
  return {
    kind: 'remove-scheduling-gates',
    text: `the scheduler does not consider it until its scheduling gates are removed: ${gates.join(', ')}`,
  };
}
