import type { PoolState } from '../cluster';
import { FITS_AFTER_SCALE_UP, type Evaluator, type PodNeeds } from '../evaluate';
import type { TriageFix } from '../types';

/**
 * A pool whose autoscaler can add a node that takes it: the one whose new
 * node holds the most pods of the group. The autoscaler should scale it up,
 * unless the group needs more new nodes than the pool's max leaves room for.
 */
export function waitForScaleUpFix(evaluator: Evaluator, needs: PodNeeds, flags: Uint8Array): TriageFix | undefined {
  let growing: { pool: PoolState; perNode: number } | undefined;
  evaluator.state.pools.forEach((pool, i) => {
    if (!(flags[i] & FITS_AFTER_SCALE_UP)) return;
    const perNode = evaluator.podsPerNewNode(needs, pool);
    if (!growing || perNode > growing.perNode) growing = { pool, perNode };
  });
  if (!growing) return undefined;
  const { pool, perNode } = growing;
  const template = evaluator.template(pool);
  const machine = template.candidates.find(c => c.machineType)?.machineType;
  // A scale-up stops at the pool's max: when the group needs more new nodes
  // than the max leaves room for, some of its pods stay Pending.
  const nodesNeeded = Math.ceil(needs.pods.length / Math.max(1, perNode));
  const { current, max } = template.scaling;
  if (template.kind === 'node-group' && max !== undefined && current + nodesNeeded > max) {
    const to = current + nodesNeeded;
    return {
      kind: 'raise-max',
      pool: pool.name,
      max: { from: max, to, field: 'max' },
      text: `raise pool ${pool.name}'s max from ${max} to ${to}: its ${needs.pods.length} pending pod(s) need ${nodesNeeded} new${
        machine ? ` ${machine}` : ''
      } node(s), ${perNode} per node, and the max leaves room for ${Math.max(0, max - current)}`,
    };
  }
  // A provisioner picks the machine type when it scales up: naming one would mislead.
  const named = machine && template.kind !== 'provisioner' ? ` (${machine})` : '';
  return {
    kind: 'wait-for-scale-up',
    pool: pool.name,
    text: `pool ${pool.name} can add a node${named} that takes it: the autoscaler should scale it up`,
  };
}
