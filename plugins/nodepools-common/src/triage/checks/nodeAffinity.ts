import { compareText } from '../compare';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../kube';
import { HOSTNAME_LABEL, NEW_NODE_HOSTNAME } from '../labels';
import type { CheckReason } from '../types';

/** A pod's `nodeSelector` and required node affinity, in the form the filter evaluates. */
export interface CompiledNodeAffinity {
  nodeSelector: ReadonlyArray<readonly [string, string]>;
  /** Undefined when the pod has no required node affinity. Terms are ORed. */
  terms?: ReadonlyArray<{
    expressions: readonly NodeSelectorRequirement[];
    fields: readonly NodeSelectorRequirement[];
  }>;
}

export function compileNodeAffinity(
  nodeSelector: Record<string, string> | undefined,
  terms: readonly NodeSelectorTerm[] | undefined,
): CompiledNodeAffinity {
  return {
    nodeSelector: Object.entries(nodeSelector ?? {}).sort(([a], [b]) => compareText(a, b)),
    terms: terms?.map(term => ({
      expressions: term.matchExpressions ?? [],
      fields: term.matchFields ?? [],
    })),
  };
}

/** Label keys the affinity looks at; the node name counts as `kubernetes.io/hostname`. */
export function nodeAffinityKeys(affinity: CompiledNodeAffinity): string[] {
  const keys = new Set(affinity.nodeSelector.map(([key]) => key));
  for (const term of affinity.terms ?? []) {
    for (const requirement of term.expressions) keys.add(requirement.key);
    if (term.fields.length > 0) keys.add(HOSTNAME_LABEL);
  }
  return [...keys].sort();
}

const INTEGER = /^-?\d+$/;

/** One requirement against one label value (`undefined` when the node lacks the label). */
export function matchesRequirement(
  requirement: NodeSelectorRequirement,
  value: string | undefined,
): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !INTEGER.test(value) || values.length !== 1 || !INTEGER.test(values[0])) {
        return false;
      }
      const difference = BigInt(value) - BigInt(values[0]);
      return requirement.operator === 'Gt' ? difference > 0n : difference < 0n;
    }
    default:
      return false;
  }
}

export function describeRequirement(requirement: NodeSelectorRequirement): string {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'Exists':
    case 'DoesNotExist':
      return `${requirement.key} ${requirement.operator}`;
    case 'Gt':
    case 'Lt':
      return `${requirement.key} ${requirement.operator} ${values[0] ?? ''}`;
    default:
      return `${requirement.key} ${requirement.operator} [${values.join(', ')}]`;
  }
}

function shown(value: string | undefined): string {
  if (value === undefined) return 'no such label';
  return value === NEW_NODE_HOSTNAME ? 'a new name' : value;
}

/** The first requirement of a term the node fails, or undefined when the term matches. */
function failedRequirementOfTerm(
  term: NonNullable<CompiledNodeAffinity['terms']>[number],
  labels: Record<string, string>,
  nodeName: string,
): string | undefined {
  if (term.expressions.length === 0 && term.fields.length === 0) {
    return 'is an empty term, which matches no node';
  }
  for (const requirement of term.expressions) {
    const value = labels[requirement.key];
    if (!matchesRequirement(requirement, value)) {
      return `requires ${describeRequirement(requirement)}, node has ${shown(value)}`;
    }
  }
  for (const requirement of term.fields) {
    const value = requirement.key === 'metadata.name' ? nodeName : undefined;
    if (!matchesRequirement(requirement, value)) {
      return `requires field ${describeRequirement(requirement)}, node is ${shown(value)}`;
    }
  }
  return undefined;
}

/**
 * NodeAffinity filter: every `nodeSelector` entry and at least one required
 * term (expressions and fields ANDed) must match the node's labels.
 */
export function checkNodeAffinity(
  affinity: CompiledNodeAffinity,
  labels: Record<string, string>,
  nodeName: string,
): CheckReason | undefined {
  for (const [key, wanted] of affinity.nodeSelector) {
    if (labels[key] !== wanted) {
      return {
        code: 'node-affinity',
        message: `nodeSelector requires ${key}=${wanted}, node has ${shown(labels[key])}`,
      };
    }
  }
  if (!affinity.terms) return undefined;
  const failures: string[] = [];
  for (const term of affinity.terms) {
    const failed = failedRequirementOfTerm(term, labels, nodeName);
    if (failed === undefined) return undefined;
    failures.push(failed);
  }
  if (failures.length === 0) {
    return { code: 'node-affinity', message: 'required node affinity has no terms, so it matches no node' };
  }
  return {
    code: 'node-affinity',
    message:
      failures.length === 1
        ? `node affinity ${failures[0]}`
        : `no node affinity term matches: ${failures.map((f, i) => `term ${i + 1} ${f}`).join('; ')}`,
  };
}
