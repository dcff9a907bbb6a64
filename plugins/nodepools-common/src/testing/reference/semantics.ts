/**
 * Label, field and taint matching as the Kubernetes API documents it,
 * written out on its own for the reference evaluator.
 */
import type { LabelSelector, Requirement, SelectorTerm, TaintOf, Toleration } from './objects';

/** A valid label value: empty, or at most 63 characters, alphanumerics at both ends, `-_.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

const INT64 = /^[+-]?\d+$/;

/**
 * A node selector requirement on labels, or `undefined` when it cannot be
 * built (which makes its whole term match nothing): In and NotIn need
 * values that are all valid label values, Exists and DoesNotExist none,
 * Gt and Lt exactly one integer.
 */
function labelRequirement(requirement: Requirement): ((labels: Record<string, string>) => boolean) | undefined {
  const values = requirement.values ?? [];
  const { key } = requirement;
  switch (requirement.operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0 || !values.every(isLabelValue)) return undefined;
      const inList = (labels: Record<string, string>) => key in labels && values.includes(labels[key]);
      return requirement.operator === 'In' ? inList : labels => !inList(labels);
    }
    case 'Exists':
      return values.length === 0 ? labels => key in labels : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? labels => !(key in labels) : undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INT64.test(values[0])) return undefined;
      const bound = BigInt(values[0]);
      return labels => {
        if (!(key in labels) || !INT64.test(labels[key])) return false;
        const value = BigInt(labels[key]);
        return requirement.operator === 'Gt' ? value > bound : value < bound;
      };
    }
    default:
      return undefined;
  }
}

/** A field requirement: In or NotIn with exactly one value, against the node's fields (`metadata.name`). */
function fieldRequirement(requirement: Requirement): ((fields: Record<string, string>) => boolean) | undefined {
  const values = requirement.values ?? [];
  if ((requirement.operator !== 'In' && requirement.operator !== 'NotIn') || values.length !== 1) return undefined;
  const equal = (fields: Record<string, string>) => (fields[requirement.key] ?? '') === values[0];
  return requirement.operator === 'In' ? equal : fields => !equal(fields);
}

/** One term: every requirement holds; a term with no requirement, or one that cannot be built, matches nothing. */
export function termMatches(term: SelectorTerm, labels: Record<string, string>, nodeName: string): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const onLabels = expressions.map(labelRequirement);
  const onFields = fields.map(fieldRequirement);
  if (onLabels.includes(undefined) || onFields.includes(undefined)) return false;
  return onLabels.every(test => test!(labels)) && onFields.every(test => test!({ 'metadata.name': nodeName }));
}

/** `nodeSelector` and required node affinity: every selector entry, and some term if there are terms. */
export function nodeAffinityMatches(
  nodeSelector: Record<string, string>,
  terms: SelectorTerm[] | undefined,
  labels: Record<string, string>,
  nodeName: string,
): boolean {
  for (const [key, value] of Object.entries(nodeSelector)) {
    if (!(key in labels) || labels[key] !== value) return false;
  }
  return terms === undefined || terms.some(term => termMatches(term, labels, nodeName));
}

/** A label selector of a pod affinity term or spread constraint; nil matches nothing, empty matches everything. */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  if (selector === null || selector === undefined) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const values = requirement.values ?? [];
    const has = requirement.key in labels;
    const listed = has && values.includes(labels[requirement.key]);
    const outcome: Record<string, boolean> = { In: listed, NotIn: !listed, Exists: has, DoesNotExist: !has };
    if (outcome[requirement.operator] !== true) return false;
  }
  return true;
}

/** A selector with the owner's `matchLabelKeys` (same value) and `mismatchLabelKeys` (other value) merged in, as admission does. */
export function withOwnerKeys(
  selector: LabelSelector | null | undefined,
  ownerLabels: Record<string, string>,
  matchKeys: readonly string[] = [],
  mismatchKeys: readonly string[] = [],
): LabelSelector | null {
  if (selector === null || selector === undefined) return null;
  const expressions = [...(selector.matchExpressions ?? [])];
  for (const key of matchKeys) if (key in ownerLabels) expressions.push({ key, operator: 'In', values: [ownerLabels[key]] });
  for (const key of mismatchKeys) if (key in ownerLabels) expressions.push({ key, operator: 'NotIn', values: [ownerLabels[key]] });
  return { matchLabels: selector.matchLabels, matchExpressions: expressions };
}

/** Whether a toleration tolerates a taint: empty effect matches all, Exists ignores the value, an empty key with Exists matches every taint. */
export function tolerates(toleration: Toleration, taint: TaintOf): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator || 'Equal';
  if (!toleration.key) return operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return operator === 'Exists' || (operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? ''));
}

/** The NoSchedule and NoExecute taints no toleration covers. */
export function blockingTaints(taints: readonly TaintOf[], tolerations: readonly Toleration[]): TaintOf[] {
  return taints.filter(t => t.effect !== 'PreferNoSchedule' && !tolerations.some(tol => tolerates(tol, t)));
}
