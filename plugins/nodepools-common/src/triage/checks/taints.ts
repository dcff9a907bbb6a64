import { formatTaint, type Taint } from '../../model/pool';
import type { Toleration } from '../kube';
import type { NodeShape } from '../cluster';
import type { CheckReason } from '../types';
import { NumbersById, pair } from './cache';
import type { Finding, SchedulingCheck, ShapeFilter } from './types';

/**
 * Whether one toleration tolerates one taint, as the API server defines it:
 * an empty effect matches every effect; `Exists` ignores the value; an empty
 * key with `Exists` matches every taint; the operator defaults to `Equal`.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? 'Equal';
  if (!toleration.key) return operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

/** The taints that keep the pod off the node: NoSchedule and NoExecute ones no toleration covers. */
export function untoleratedTaints(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint[] {
  return taints.filter(
    taint =>
      taint.effect !== 'PreferNoSchedule' &&
      !tolerations.some(toleration => toleratesTaint(toleration, taint)),
  );
}

/** Whether the pod tolerates every taint that keeps pods off (NoSchedule, NoExecute), without building a list. */
export function toleratesAll(taints: readonly Taint[], tolerations: readonly Toleration[]): boolean {
  for (const taint of taints) {
    if (taint.effect !== 'PreferNoSchedule' && !tolerations.some(toleration => toleratesTaint(toleration, taint))) return false;
  }
  return true;
}

/** TaintToleration filter. PreferNoSchedule only lowers a node's score, so it never blocks. */
export function checkTaints(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): CheckReason | undefined {
  const blocking = untoleratedTaints(taints, tolerations);
  if (blocking.length === 0) return undefined;
  return {
    code: 'taint',
    message: `untolerated taint${blocking.length > 1 ? 's' : ''} ${blocking.map(formatTaint).join(', ')}`,
  };
}

/** A toleration that tolerates exactly this taint, for a suggested fix. */
export function tolerationFor(taint: Taint): Toleration {
  return taint.value
    ? { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect }
    : { key: taint.key, operator: 'Exists', effect: taint.effect };
}

/**
 * The pod's tolerations against a shape's taints. Verdicts are cached per
 * taint set, and findings per tolerations x taint set for the whole
 * analysis: many signatures share their tolerations.
 */
class TaintFilter implements ShapeFilter {
  readonly level = 'shape';
  readonly placementSensitive = false;
  private readonly verdicts = new NumbersById();

  constructor(
    private readonly tolerations: readonly Toleration[],
    private readonly tolerationsId: number,
    private readonly findings: Map<number, Finding[]>,
  ) {}

  passes(shape: NodeShape): boolean {
    const known = this.verdicts.get(shape.taintsId);
    if (known !== 0) return known === 1;
    const ok = this.explain(shape).length === 0;
    this.verdicts.set(shape.taintsId, ok ? 1 : 2);
    return ok;
  }

  explain(shape: NodeShape): Finding[] {
    const key = pair(this.tolerationsId, shape.taintsId);
    let found = this.findings.get(key);
    if (!found) {
      const reason = checkTaints(shape.taints, this.tolerations);
      this.findings.set(key, (found = reason ? [reason] : []));
    }
    return found;
  }
}

/** TaintToleration as a registered check. */
export const taintsCheck: SchedulingCheck = {
  name: 'TaintToleration',
  start(env) {
    const tolerationIds = env.ids('tolerations');
    const findings = new Map<number, Finding[]>();
    return {
      prepare: demand => new TaintFilter(demand.tolerations, tolerationIds.id(JSON.stringify(demand.tolerations)), findings),
    };
  },
};
