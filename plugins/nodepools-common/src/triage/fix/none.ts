import { FITS_NOW, type Evaluator } from '../evaluate';
import type { TriageFix } from '../types';

/** It fits now: nothing to change in the pod or the pools, so whatever holds it is outside the filters. */
export function fitsNowFix(evaluator: Evaluator, flags: Uint8Array): TriageFix | undefined {
  const now = evaluator.state.pools.filter((_, i) => flags[i] & FITS_NOW);
  if (now.length === 0) return undefined;
  return {
    kind: 'none',
    pool: now[0].name,
    text: `it fits now on pool${now.length > 1 ? 's' : ''} ${now
      .slice(0, 3)
      .map(p => p.name)
      .join(', ')}${now.length > 3 ? ` and ${now.length - 3} more` : ''}; if it stays Pending, look at preemption, volume binding and the scheduler's events`,
  };
}
