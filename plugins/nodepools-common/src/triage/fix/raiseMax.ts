import { providerProfile } from '../../providers/registry';
import { formatResourceAmount } from '../../quantity/format';
import type { PoolState } from '../cluster';
import { FITS_AFTER_SCALE_UP, FITS_NEW_NODE, type Evaluator, type PodNeeds } from '../evaluate';
import type { TriageFix } from '../types';

export function raiseMaxFix(evaluator: Evaluator, needs: PodNeeds, flags: Uint8Array): TriageFix | undefined {
  let chosen: { pool: PoolState; perNode: number } | undefined;
  evaluator.state.pools.forEach((pool, i) => {
    if ((flags[i] & FITS_NEW_NODE) === 0 || (flags[i] & FITS_AFTER_SCALE_UP) !== 0) return;
    const perNode = evaluator.podsPerNewNode(needs, pool);
    if (!chosen || perNode > chosen.perNode) chosen = { pool, perNode };
  });
  if (!chosen) return undefined;
  const evaluation = evaluator.evaluatePool(needs, chosen.pool);
  const pool = chosen.pool;
  const scaling = evaluation.template.scaling;
  const perNode = Math.max(1, chosen.perNode);
  const nodesNeeded = Math.ceil(needs.pods.length / perNode);
  const machine = evaluation.candidate?.machineType ? ` ${evaluation.candidate.machineType}` : '';
  const growth = providerProfile(pool.provider).growth;
  if (evaluation.template.kind === 'provisioner' && growth.kind === 'provisioner') {
    const resource = evaluation.limitsResource ?? 'cpu';
    const limit = scaling.limits?.[resource] ?? 0;
    const adds = (evaluation.candidate?.capacity?.[resource] ?? 0) * nodesNeeded;
    const used = limit - (scaling.remaining?.[resource] ?? 0);
    const to = used + adds;
    return {
      kind: 'raise-max',
      pool: pool.name,
      max: { from: limit, to, field: `limits.${resource}` },
      text: `raise ${growth.noun} ${pool.name}'s limits.${resource} from ${formatResourceAmount(resource, limit)} to ${formatResourceAmount(
        resource,
        to,
      )}: ${nodesNeeded} new${machine} node(s) for ${needs.pods.length} pending pod(s)`,
    };
  }
  const from = scaling.max ?? scaling.current;
  const to = scaling.current + nodesNeeded;
  const autoscalingOff = pool.spec && !pool.spec.autoscaling.enabled;
  return {
    kind: 'raise-max',
    pool: pool.name,
    max: { from, to, field: 'max' },
    text: `${autoscalingOff ? `turn on autoscaling for pool ${pool.name} and raise its max` : `raise pool ${pool.name}'s max`} from ${from} to ${to}: ${nodesNeeded} new${machine} node(s) hold the ${needs.pods.length} pending pod(s), ${perNode} per node`,
  };
}
