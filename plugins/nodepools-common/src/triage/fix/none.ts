import { FITS_NOW, type Evaluator } from '../evaluate';
import type { TriageFix } from '../types';

/** It fits now: nothing to change in the pod or the pools, so whatever holds it is outside the filters. */
export function fitsNowFix(evaluator: Evaluator, flags: Uint8Array): TriageFix | undefined {
  // The names of the first three pools and how many there are: no list of every pool that fits.
  const pools = evaluator.state.pools;
  const named: string[] = [];
  let count = 0;
  for (let p = 0; p < flags.length; p++) {
    if (!(flags[p] & FITS_NOW)) continue;
    if (named.length < 3) named.push(pools[p].name);
    count++;
  }
  if (count === 0) return undefined;
  return {
    kind: 'none',
    pool: named[0],
    text: `it fits now on pool${count > 1 ? 's' : ''} ${named.join(', ')}${count > 3 ? ` and ${count - 3} more` : ''}; if it stays Pending, look at preemption, volume binding and the scheduler's events`,
  };
}
