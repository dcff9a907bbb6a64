import { formatResourceAmount } from '../../quantity/format';
import { FITS_NEW_NODE, IGNORE_RESOURCES, type Evaluator, type PodNeeds } from '../evaluate';
import type { TriageFix } from '../types';
import { MAX_TRIES, poolsFittingWithout, tryChange } from './common';

/**
 * Lowering a request is offered only when the pod keeps at least this share
 * of it; cutting more would change what the workload is, and a new pool of
 * a larger machine type is the smaller change.
 */
const LOWER_REQUEST_KEEPS_AT_LEAST = 0.5;

export function lowerRequestFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  type Option = { fix: TriageFix; keeps: number };
  let best: Option | undefined;
  const candidates = poolsFittingWithout(evaluator, needs, IGNORE_RESOURCES, FITS_NEW_NODE).slice(0, MAX_TRIES);
  for (const pool of candidates) {
    const evaluation = evaluator.evaluatePool(needs, pool);
    const candidate = evaluation.candidate;
    const reasons = evaluation.newNodeReasons;
    if (!candidate?.free || reasons.length === 0) continue;
    if (!reasons.every(r => r.code.startsWith('insufficient:') && r.code !== 'insufficient:pods')) continue;
    const requests = { ...needs.requests };
    const changes: string[] = [];
    let keeps = 1;
    for (const reason of reasons) {
      const resource = reason.code.slice('insufficient:'.length);
      const free = candidate.free[resource] ?? 0;
      if (free <= 0) {
        keeps = 0;
        break;
      }
      keeps = Math.min(keeps, free / requests[resource]);
      changes.push(`${resource} from ${formatResourceAmount(resource, requests[resource])} to ${formatResourceAmount(resource, free)}`);
      requests[resource] = free;
    }
    if (keeps < LOWER_REQUEST_KEEPS_AT_LEAST) continue;
    const result = tryChange(evaluator, needs, pool, { requests });
    if (!result || (best && keeps <= best.keeps)) continue;
    const first = reasons[0].code.slice('insufficient:'.length);
    best = {
      keeps,
      fix: {
        kind: 'lower-request',
        pool: pool.name,
        request: {
          resource: first,
          from: formatResourceAmount(first, needs.requests[first]),
          to: formatResourceAmount(first, requests[first]),
        },
        text: `lower the request of ${changes.join(' and ')}: that is what a new ${
          candidate.machineType ?? 'node'
        } of pool ${pool.name} can hold after its daemonsets`,
      },
    };
  }
  return best?.fix;
}
