import type { Evaluator, PodNeeds } from '../evaluate';
import type { TriageFix } from '../types';
import { addTolerationFix } from './addToleration';
import { lowerRequestFix } from './lowerRequest';
import { newPoolFix } from './newPool';
import { fitsNowFix } from './none';
import { prefixDelegationFix } from './prefixDelegation';
import { raiseMaxFix } from './raiseMax';
import { removeSchedulingGatesFix } from './schedulingGates';
import { targetPoolFix } from './targetPool';
import { waitForScaleUpFix } from './waitForScaleUp';

export { formatRequests } from './common';

/**
 * The one change that lets the pods of a signature schedule, tried in this
 * order: remove scheduling gates; nothing (it fits now, or a scale-up will
 * place it); enable prefix delegation; raise the max of a pool that already
 * accepts the pod (capacity only, the pod keeps its placement intent); add a
 * toleration (opens a dedicated pool to it); target another pool; lower a
 * request; and last, a new pool. Each suggestion but the last is re-checked
 * by evaluating the pool with the change made.
 */
export function smallestFix(evaluator: Evaluator, needs: PodNeeds, flags: Uint8Array): TriageFix {
  return (
    removeSchedulingGatesFix(needs) ??
    fitsNowFix(evaluator, flags) ??
    waitForScaleUpFix(evaluator, needs, flags) ??
    prefixDelegationFix(evaluator, needs) ??
    raiseMaxFix(evaluator, needs, flags) ??
    addTolerationFix(evaluator, needs) ??
    targetPoolFix(evaluator, needs) ??
    lowerRequestFix(evaluator, needs) ??
    newPoolFix(evaluator, needs)
  );
}
