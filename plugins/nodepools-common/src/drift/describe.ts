import { formatTaint, type PoolRequirement, type Taint } from '../model/pool';
import { isPlainObject } from '../parsers/fields';

/** A taint or requirement as one string, the unit of order-free comparison. */
export function requirementText(r: PoolRequirement): string {
  return `${r.key} ${r.operator}${r.values?.length ? ` ${[...r.values].sort().join(',')}` : ''}`;
}

function isTaint(value: unknown): value is Taint {
  return isPlainObject(value) && typeof value.key === 'string' && typeof value.effect === 'string';
}

function isRequirement(value: unknown): value is PoolRequirement {
  return isPlainObject(value) && typeof value.key === 'string' && typeof value.operator === 'string';
}

function describeItem(item: unknown): string {
  if (isTaint(item)) return formatTaint(item);
  if (isRequirement(item)) return requirementText(item);
  return describeDriftValue(item);
}

/**
 * A field's value as people read it: `a=b, c=d` for maps, `k=v:NoSchedule`
 * for taints, `2..5` for an autoscaler range, `(none)` for empty ones.
 */
export function describeDriftValue(value: unknown): string {
  if (value === undefined || value === null) return '(unset)';
  if (Array.isArray(value)) {
    if (!value.length) return '(none)';
    return value.map(describeItem).join(', ');
  }
  if (isPlainObject(value)) {
    if ('enabled' in value || 'min' in value || 'max' in value) {
      if (value.enabled === false) return 'autoscaling off';
      const range = `${value.min ?? '?'}..${value.max ?? '?'}`;
      return value.enabled === true ? `autoscaling ${range}` : range;
    }
    const entries = Object.entries(value);
    return entries.length ? entries.map(([k, v]) => `${k}=${describeDriftValue(v)}`).join(', ') : '(none)';
  }
  return String(value);
}

/** What was added, removed and changed between two string maps, for a message. */
export function mapDelta(desired: Record<string, string>, actual: Record<string, string>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(actual)) {
    if (!(k in desired)) parts.push(`added ${k}=${v}`);
    else if (desired[k] !== v) parts.push(`${k} changed from ${desired[k]} to ${v}`);
  }
  for (const k of Object.keys(desired)) if (!(k in actual)) parts.push(`removed ${k}`);
  return parts.join('; ');
}

/** What was added and removed between two sets, for a message. */
export function setDelta(desired: readonly string[], actual: readonly string[]): string {
  const want = new Set(desired);
  const have = new Set(actual);
  const added = actual.filter(v => !want.has(v));
  const removed = desired.filter(v => !have.has(v));
  return [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
}
