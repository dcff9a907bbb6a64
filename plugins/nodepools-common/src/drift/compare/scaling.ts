import type { Autoscaling } from '../../model/pool';
import type { DesiredPool } from '../../desired/types';
import { isCompared, type DriftSemantics } from '../semantics';
import type { ActualPool } from '../types';
import type { FieldChange } from './change';

/*
 * Sizes with each cloud's semantics. While an autoscaler owns a pool, its
 * node count is the autoscaler's business and only the range is compared;
 * a fixed pool's count is compared instead. GKE declares per-zone numbers,
 * which count once for each of the pool's zones.
 */

/** The pool's zones, as declared or else as the cloud reports them; undefined when unknown. */
export function zoneCount(desired: DesiredPool, actual: ActualPool | undefined): number | undefined {
  return desired.zones?.length || actual?.zones.length || undefined;
}

/** The declared autoscaling with per-zone bounds made pool totals where the zones are known. */
export function declaredRange(desired: DesiredPool, actual: ActualPool | undefined): Autoscaling | undefined {
  if (!desired.declared.autoscaling || !desired.autoscaling) return undefined;
  const zones = zoneCount(desired, actual);
  const range: Autoscaling = { ...desired.autoscaling };
  if (desired.perZone && zones) {
    if (range.min === undefined && desired.perZone.min !== undefined) range.min = desired.perZone.min * zones;
    if (range.max === undefined && desired.perZone.max !== undefined) range.max = desired.perZone.max * zones;
  }
  return range;
}

/** The declared size of a fixed pool, made a pool total where the zones are known. */
export function declaredCount(desired: DesiredPool, actual: ActualPool | undefined): number | undefined {
  if (!desired.declared.nodeCount) return undefined;
  if (desired.nodeCount !== undefined) return desired.nodeCount;
  const zones = zoneCount(desired, actual);
  return desired.perZone?.nodeCount !== undefined && zones ? desired.perZone.nodeCount * zones : undefined;
}

/** Whether a size setting is fixed: autoscaling off, or (without a switch) min == max. */
export function isFixed(autoscaling: Autoscaling | undefined, semantics: DriftSemantics): boolean {
  if (!autoscaling) return false;
  if (semantics.autoscalerSwitch) return !autoscaling.enabled;
  return autoscaling.min === undefined || autoscaling.min === autoscaling.max;
}

/** The range an autoscaler keeps the pool in, if it has one: the cloud's, else the declared one. */
export function effectiveRange(
  desired: DesiredPool | undefined,
  actual: ActualPool,
  semantics: DriftSemantics,
): { min: number; max: number } | undefined {
  const candidates = [actual.autoscaling, desired ? declaredRange(desired, actual) : undefined];
  for (const range of candidates) {
    if (!range || range.min === undefined || range.max === undefined) continue;
    if (semantics.autoscalerSwitch && !range.enabled) continue;
    return { min: range.min, max: range.max };
  }
  return undefined;
}

function sameBound(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

export function compareScaling(desired: DesiredPool, actual: ActualPool, semantics: DriftSemantics): FieldChange[] {
  if (!semantics.nodeBounds) return [];
  const changes: FieldChange[] = [];
  const want = declaredRange(desired, actual);
  const have = actual.autoscaling;
  if (want) {
    const switched = semantics.autoscalerSwitch && want.enabled !== have.enabled;
    const moved =
      (!semantics.autoscalerSwitch || (want.enabled && have.enabled)) &&
      (!sameBound(want.min, have.min) || !sameBound(want.max, have.max));
    if (switched || moved) {
      const shown = (r: Autoscaling) =>
        semantics.autoscalerSwitch ? r : { ...(r.min !== undefined ? { min: r.min } : {}), ...(r.max !== undefined ? { max: r.max } : {}) };
      changes.push({
        field: 'autoscaling',
        desired: shown(want),
        actual: shown(have),
        message: switched
          ? `autoscaling is ${have.enabled ? 'on' : 'off'}, declared ${want.enabled ? 'on' : 'off'}`
          : `autoscaler range is ${have.min ?? '?'}..${have.max ?? '?'}, declared ${want.min ?? '?'}..${want.max ?? '?'}`,
      });
    }
  }
  // A fixed pool's size; left to the range finding when that already covers it.
  const wantCount = declaredCount(desired, actual);
  if (
    !changes.length &&
    isCompared(semantics, 'nodeCount') &&
    wantCount !== undefined &&
    actual.nodeCount !== undefined &&
    isFixed(desired.autoscaling, semantics) &&
    isFixed(actual.autoscaling, semantics) &&
    wantCount !== actual.nodeCount
  ) {
    changes.push({
      field: 'nodeCount',
      desired: wantCount,
      actual: actual.nodeCount,
      message: `fixed size is ${actual.nodeCount} nodes, declared ${wantCount}`,
    });
  }
  return changes;
}
