import type { FieldChange } from '@nodepools/plugin-nodepools-common';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The field-level difference between two versions of a pool. Objects (labels,
 * tags, autoscaling) are compared key by key so that history says
 * `labels.team` rather than "labels changed"; arrays are compared whole
 * because their elements have no stable identity.
 */
export function fieldChanges(
  before: unknown,
  after: unknown,
  prefix = '',
): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap(key =>
      fieldChanges(before[key], after[key], prefix ? `${prefix}.${key}` : key),
    );
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const change: FieldChange = { field: prefix };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return [change];
}
