import type { Evaluator, PodNeeds } from '../evaluate';
import type { TriageFix } from '../types';

export function prefixDelegationFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  for (const pool of evaluator.state.pools) {
    if (!evaluator.mayBeIpLimited(pool)) continue;
    const evaluation = evaluator.evaluatePool(needs, pool);
    if (!evaluation.ipExhaustion || !evaluation.nodeReasons.every(r => r.code === 'insufficient:pods')) continue;
    const { machineType, maxPods, withPrefixes, network, howToEnable } = evaluation.ipExhaustion;
    return {
      kind: 'enable-prefix-delegation',
      pool: pool.name,
      text: `pool ${pool.name}'s nodes are at the ${network}'s IP limit of ${maxPods} pods (${machineType}); enable prefix delegation (${howToEnable}) to allow ${withPrefixes}`,
    };
  }
  return undefined;
}
