import { formatResourceAmount } from '../../quantity/format';
import type { PoolState } from '../cluster';
import type { Evaluator, NeedsChange, PodNeeds, PoolEvaluation } from '../evaluate';
import type { ResourceMap } from '../read';

/** How many pools a "what if" fix is tried on, per kind: the checks are exact but not free. */
export const MAX_TRIES = 8;

export function formatRequests(requests: ResourceMap): string {
  return Object.entries(requests)
    .filter(([, amount]) => amount > 0)
    .map(([name, amount]) => `${name} ${formatResourceAmount(name, amount)}`)
    .join(', ');
}

export function fits(evaluation: PoolEvaluation): boolean {
  return evaluation.fitsNow || evaluation.fitsAfterScaleUp;
}

export function where(evaluation: PoolEvaluation): string {
  return evaluation.fitsNow ? 'on its current nodes' : 'after a scale-up';
}

export function tryChange(
  evaluator: Evaluator,
  needs: PodNeeds,
  pool: PoolState,
  change: NeedsChange,
): PoolEvaluation | undefined {
  const changed = evaluator.compileNeeds(needs.pods, change, `${needs.id}-what-if`);
  const evaluation = evaluator.evaluatePool(changed, pool);
  return fits(evaluation) ? evaluation : undefined;
}

/** Pools (of `among`, all by default) for which a quick "what if" verdict, leaving some checks out, says the pod would fit. */
export function poolsFittingWithout(
  evaluator: Evaluator,
  needs: PodNeeds,
  ignore: number,
  bits: number,
  among: readonly PoolState[] = evaluator.state.pools,
): PoolState[] {
  return among.filter(pool => (evaluator.quickVerdict(needs, pool, ignore) & bits) !== 0);
}

export function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
