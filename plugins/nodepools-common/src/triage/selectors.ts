import type { LabelSelector, LabelSelectorRequirement } from './kube';

/**
 * A label selector ready to match. `null` stands for a selector that matches
 * nothing (a nil selector in an affinity term or spread constraint).
 */
export type CompiledSelector = readonly LabelSelectorRequirement[] | null;

/** `matchLabels` become `In` requirements; a nil selector matches nothing, an empty one everything. */
export function compileLabelSelector(selector: LabelSelector | null | undefined): CompiledSelector {
  if (selector === null || selector === undefined) return null;
  const requirements: LabelSelectorRequirement[] = Object.entries(selector.matchLabels ?? {}).map(
    ([key, value]) => ({ key, operator: 'In', values: [value] }),
  );
  requirements.push(...(selector.matchExpressions ?? []));
  return requirements;
}

/**
 * Adds `matchLabelKeys` (same value as the pod) and `mismatchLabelKeys`
 * (different value) to a selector, as the API server does when it admits
 * the pod. Keys the pod lacks are ignored.
 */
export function withLabelKeys(
  selector: CompiledSelector,
  labels: Record<string, string>,
  matchLabelKeys: readonly string[] = [],
  mismatchLabelKeys: readonly string[] = [],
): CompiledSelector {
  if (selector === null) return null;
  const extra: LabelSelectorRequirement[] = [];
  for (const key of matchLabelKeys) {
    if (key in labels) extra.push({ key, operator: 'In', values: [labels[key]] });
  }
  for (const key of mismatchLabelKeys) {
    if (key in labels) extra.push({ key, operator: 'NotIn', values: [labels[key]] });
  }
  return extra.length ? [...selector, ...extra] : selector;
}

export function matchesSelector(selector: CompiledSelector, labels: Record<string, string>): boolean {
  if (selector === null) return false;
  for (const requirement of selector) {
    const value = labels[requirement.key];
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `app=web,tier in (a,b),!legacy` in kubectl's notation. */
export function describeSelector(selector: CompiledSelector): string {
  if (selector === null) return '<no selector>';
  if (selector.length === 0) return '<all pods>';
  return selector
    .map(r => {
      const values = r.values ?? [];
      switch (r.operator) {
        case 'In':
          return values.length === 1 ? `${r.key}=${values[0]}` : `${r.key} in (${values.join(',')})`;
        case 'NotIn':
          return values.length === 1 ? `${r.key}!=${values[0]}` : `${r.key} notin (${values.join(',')})`;
        case 'Exists':
          return r.key;
        default:
          return `!${r.key}`;
      }
    })
    .join(',');
}
