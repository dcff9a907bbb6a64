import { TAINT_EFFECTS } from '../../model/pool';
import type { LabelSelector, NodeSelectorTerm, PodAffinityTerm, Toleration, TopologySpreadConstraint } from '../kube';
import { FieldError, describe, listAt, objectAt, oneOf, optionalString, requiredString, stringList, stringMap, valueList } from './fields';

const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

export function nodeSelectorTerms(value: unknown, field: string): NodeSelectorTerm[] {
  return listAt(value, field).map((raw, i) => {
    const term = objectAt(raw, `${field}[${i}]`);
    const requirements = (key: 'matchExpressions' | 'matchFields') =>
      listAt(term[key], `${field}[${i}].${key}`).map((r, j) => {
        const at = `${field}[${i}].${key}[${j}]`;
        const requirement = objectAt(r, at);
        return {
          key: requiredString(requirement.key, `${at}.key`),
          operator: oneOf(requirement.operator, NODE_SELECTOR_OPERATORS, `${at}.operator`) ?? 'In',
          values: valueList(requirement.values, `${at}.values`),
        };
      });
    return { matchExpressions: requirements('matchExpressions'), matchFields: requirements('matchFields') };
  });
}

export function labelSelector(value: unknown, field: string): LabelSelector | null {
  if (value === undefined || value === null) return null;
  const selector = objectAt(value, field);
  return {
    matchLabels: stringMap(selector.matchLabels, `${field}.matchLabels`),
    matchExpressions: listAt(selector.matchExpressions, `${field}.matchExpressions`).map((r, i) => {
      const at = `${field}.matchExpressions[${i}]`;
      const requirement = objectAt(r, at);
      return {
        key: requiredString(requirement.key, `${at}.key`),
        operator: oneOf(requirement.operator, LABEL_SELECTOR_OPERATORS, `${at}.operator`) ?? 'In',
        values: valueList(requirement.values, `${at}.values`),
      };
    }),
  };
}

export function podAffinityTerms(value: unknown, field: string): PodAffinityTerm[] {
  return listAt(value, field).map((raw, i) => {
    const at = `${field}[${i}]`;
    const term = objectAt(raw, at);
    return {
      labelSelector: labelSelector(term.labelSelector, `${at}.labelSelector`),
      namespaces: stringList(term.namespaces, `${at}.namespaces`),
      namespaceSelector:
        term.namespaceSelector === undefined || term.namespaceSelector === null
          ? null
          : labelSelector(term.namespaceSelector, `${at}.namespaceSelector`),
      topologyKey: requiredString(term.topologyKey, `${at}.topologyKey`),
      matchLabelKeys: stringList(term.matchLabelKeys, `${at}.matchLabelKeys`),
      mismatchLabelKeys: stringList(term.mismatchLabelKeys, `${at}.mismatchLabelKeys`),
    };
  });
}

export function tolerations(value: unknown, field: string): Toleration[] {
  return listAt(value, field).map((raw, i) => {
    const at = `${field}[${i}]`;
    const toleration = objectAt(raw, at);
    return {
      key: optionalString(toleration.key, `${at}.key`),
      operator: oneOf(toleration.operator, ['Equal', 'Exists'] as const, `${at}.operator`),
      value: optionalString(toleration.value, `${at}.value`),
      effect: oneOf(toleration.effect, TAINT_EFFECTS, `${at}.effect`),
    };
  });
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new FieldError(field, `must be a whole number of at least 1, got ${describe(value)}`);
  }
  return value;
}

export function spreadConstraints(value: unknown, field: string): TopologySpreadConstraint[] {
  return listAt(value, field).map((raw, i) => {
    const at = `${field}[${i}]`;
    const constraint = objectAt(raw, at);
    return {
      maxSkew: positiveInteger(constraint.maxSkew, `${at}.maxSkew`),
      topologyKey: requiredString(constraint.topologyKey, `${at}.topologyKey`),
      whenUnsatisfiable:
        oneOf(constraint.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway'] as const, `${at}.whenUnsatisfiable`) ??
        'DoNotSchedule',
      labelSelector: labelSelector(constraint.labelSelector, `${at}.labelSelector`),
      minDomains:
        constraint.minDomains === undefined || constraint.minDomains === null
          ? undefined
          : positiveInteger(constraint.minDomains, `${at}.minDomains`),
      nodeAffinityPolicy: oneOf(constraint.nodeAffinityPolicy, ['Honor', 'Ignore'] as const, `${at}.nodeAffinityPolicy`),
      nodeTaintsPolicy: oneOf(constraint.nodeTaintsPolicy, ['Honor', 'Ignore'] as const, `${at}.nodeTaintsPolicy`),
      matchLabelKeys: stringList(constraint.matchLabelKeys, `${at}.matchLabelKeys`),
    };
  });
}
