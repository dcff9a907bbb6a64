import { defaultMachineCatalog } from '../../machines/catalog';
import { randomCluster } from '../../testing/randomCluster';
import { buildClusterState } from '../cluster';
import { readTriageInput } from '../input';
import { Evaluator, FITS_AFTER_SCALE_UP, FITS_NEW_NODE, FITS_NOW } from '.';

describe('the quick verdict and the explaining path', () => {
  it.each(Array.from({ length: 10 }, (_, i) => [2000 + i]))(
    'random cluster %i: the full evaluation behind the reasons agrees with the quick verdict',
    seed => {
      const state = buildClusterState(readTriageInput(randomCluster(seed), []));
      const evaluator = new Evaluator(state, defaultMachineCatalog(), {});
      for (const pod of state.pending) {
        const needs = evaluator.compileNeeds([pod]);
        for (const pool of state.pools) {
          const quick = evaluator.quickVerdict(needs, pool);
          const full = evaluator.evaluatePool(needs, pool);
          expect([pod.name, pool.name, full.fitsNow, full.fitsNewNode, full.fitsAfterScaleUp]).toEqual([
            pod.name,
            pool.name,
            (quick & FITS_NOW) !== 0,
            (quick & FITS_NEW_NODE) !== 0,
            (quick & FITS_AFTER_SCALE_UP) !== 0,
          ]);
          // A pool with nodes that does not fit now always says why.
          expect(!full.fitsNow && pool.nodeCount > 0 && full.nodeReasons.length === 0).toBe(false);
        }
      }
    },
  );
});
