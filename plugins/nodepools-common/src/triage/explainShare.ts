import { FITS_AFTER_SCALE_UP, FITS_NEW_NODE, FITS_NOW, IGNORE_RESOURCES, type Evaluator, type PodNeeds } from './evaluate';

/** However small the budget, each signature has this many pools explained (or all, if it has fewer). */
export const MIN_EXPLAINED_PER_SIGNATURE = 10;

/**
 * How many pools each signature has explained with reasons: all of them
 * while signatures x pools stays within the budget (no budget is no
 * limit), else an equal share of it.
 */
export function explainedShare(budget: number | undefined, signatures: number, pools: number): number {
  if (budget === undefined || signatures * pools <= budget) return pools;
  return Math.min(pools, Math.max(MIN_EXPLAINED_PER_SIGNATURE, Math.floor(budget / Math.max(1, signatures))));
}

const TAKES = FITS_NOW | FITS_AFTER_SCALE_UP | FITS_NEW_NODE;

function poolsTaking(flags: Uint8Array): number {
  let count = 0;
  for (let p = 0; p < flags.length; p++) if (flags[p] & TAKES) count++;
  return count;
}

/**
 * Asks, pool by pool, whether the pods of the signatures whose share the
 * pools that take them do not fill would fit without the resources check:
 * `poolsToExplain` reads the answers.
 */
export function askShortOfResources(evaluator: Evaluator, allNeeds: readonly PodNeeds[], allFlags: readonly Uint8Array[], share: number) {
  const pools = evaluator.state.pools;
  if (share >= pools.length) return;
  const asking = allNeeds.filter((_, n) => poolsTaking(allFlags[n]) < share);
  if (asking.length > 0) evaluator.askWithout(asking, IGNORE_RESOURCES);
}

/**
 * The positions of the pools whose reasons a signature's share is spent
 * on, ascending. First the pools that take its pods (now, after a
 * scale-up, or on a new node the pool may not add), then the pool its
 * fix names (even past the share: the fix's reasons must be readable),
 * (`fixPools`: the positions of the pools of its name), then the pools
 * only short of resources: what a person reading the
 * report weighs. The others keep their quick verdict.
 */
export function poolsToExplain(
  evaluator: Evaluator,
  needs: PodNeeds,
  flags: Uint8Array,
  fixPools: readonly number[],
  share: number,
): number[] {
  const pools = evaluator.state.pools;
  if (share >= pools.length) return pools.map((_, position) => position);
  // Marks by pool position: a set of numbers is slower to ask 10,000 times per signature.
  const chosen = new Uint8Array(pools.length);
  let count = 0;
  for (let p = 0; p < pools.length && count < share; p++) {
    if (flags[p] & TAKES) {
      chosen[p] = 1;
      count++;
    }
  }
  for (const p of fixPools) {
    if (!chosen[p]) {
      chosen[p] = 1;
      count++;
    }
  }
  // The verdicts without the resources check are the ones the "lower a request" fix asks.
  for (let p = 0; p < pools.length && count < share; p++) {
    if (!chosen[p] && evaluator.quickVerdict(needs, pools[p], IGNORE_RESOURCES) & TAKES) {
      chosen[p] = 1;
      count++;
    }
  }
  const positions: number[] = [];
  for (let p = 0; p < pools.length; p++) if (chosen[p]) positions.push(p);
  return positions;
}
