import { formatTaint, type Taint } from '../../model/pool';
import { tolerationFor, untoleratedTaints } from '../checks/taints';
import { isTransientTaint, type PoolState } from '../cluster';
import { FITS_AFTER_SCALE_UP, FITS_NOW, IGNORE_TAINTS, type Evaluator, type PodNeeds } from '../evaluate';
import type { TriageFix } from '../types';
import { MAX_TRIES, poolsFittingWithout, tryChange, where } from './common';

/**
 * Taints named after a device resource (`nvidia.com/gpu`, `aws.amazon.com/neuron`)
 * keep accelerators for the pods that use them: tolerating one is no fix for
 * a pod that does not request the device.
 */
function reservesADevice(taint: Taint, needs: PodNeeds): boolean {
  return /^[a-z0-9.-]+\.[a-z]+\/[a-z0-9.-]+$/i.test(taint.key) && /gpu|neuron|tpu|accelerator/i.test(taint.key) && !(needs.requests[taint.key] > 0);
}

/** Taints of the pool, on its nodes or on a new node, that the pod does not tolerate. */
function untoleratedOf(evaluator: Evaluator, needs: PodNeeds, pool: PoolState): Taint[] {
  const found = new Map<string, Taint>();
  const taintSets = [
    ...pool.classes.map(c => c.taints),
    ...evaluator.template(pool).candidates.slice(0, 1).map(c => c.taints),
  ];
  for (const taints of taintSets) {
    for (const taint of untoleratedTaints(taints.filter(t => !isTransientTaint(t)), needs.tolerations)) {
      found.set(`${taint.key}=${taint.value ?? ''}:${taint.effect}`, taint);
    }
  }
  return [...found.values()];
}

/** Whether any node of the pool, or its new node, has a taint at all: only those pools can take the fix. */
function hasTaints(evaluator: Evaluator, pool: PoolState): boolean {
  return pool.classes.some(c => c.taints.length > 0) || (evaluator.template(pool).candidates[0]?.taints.length ?? 0) > 0;
}

/** The pools with taints, worked out once per analysis: every signature that needs a fix asks. */
const taintedPools = new WeakMap<Evaluator, PoolState[]>();

function poolsWithTaints(evaluator: Evaluator): PoolState[] {
  let pools = taintedPools.get(evaluator);
  if (!pools) taintedPools.set(evaluator, (pools = evaluator.state.pools.filter(pool => hasTaints(evaluator, pool))));
  return pools;
}

export function addTolerationFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  // Most pools have no taint: asking them what the pod would do without taints is asking the same again.
  const tainted = poolsFittingWithout(evaluator, needs, IGNORE_TAINTS, FITS_NOW | FITS_AFTER_SCALE_UP, poolsWithTaints(evaluator))
    .map(pool => ({ pool, taints: untoleratedOf(evaluator, needs, pool) }))
    .filter(c => c.taints.length > 0 && !c.taints.some(t => reservesADevice(t, needs)))
    .sort((a, b) => a.taints.length - b.taints.length)
    .slice(0, MAX_TRIES);
  for (const { pool, taints } of tainted) {
    const tolerations = taints.map(tolerationFor);
    const result = tryChange(evaluator, needs, pool, { addTolerations: tolerations });
    if (result) {
      return {
        kind: 'add-toleration',
        pool: pool.name,
        tolerations,
        text: `add the toleration${tolerations.length > 1 ? 's' : ''} for ${taints
          .map(formatTaint)
          .join(', ')}: pool ${pool.name} then takes it ${where(result)}`,
      };
    }
  }
  return undefined;
}
