import { compareText } from '../compare';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../kube';
import type { Interner, NodeShape } from '../cluster';
import { HOSTNAME_LABEL, NEW_NODE_HOSTNAME, PER_NODE_LABEL_KEYS, PLACEMENT_LABEL_KEYS } from '../labels';
import type { CheckReason } from '../types';
import { NumbersById, pair } from './cache';
import type { CheckTarget, Finding, NodeFilter, SchedulingCheck, ShapeFilter } from './types';

interface CompiledTerm {
  expressions: readonly NodeSelectorRequirement[];
  fields: readonly NodeSelectorRequirement[];
  /**
   * Why the scheduler cannot build the term's selector, which makes the
   * term match no node: the first requirement it rejects and the reason.
   */
  invalid?: { requirement: NodeSelectorRequirement; field: boolean; why: string };
}

/** A pod's `nodeSelector` and required node affinity, in the form the filter evaluates. */
export interface CompiledNodeAffinity {
  nodeSelector: ReadonlyArray<readonly [string, string]>;
  /** Undefined when the pod has no required node affinity. Terms are ORed. */
  terms?: readonly CompiledTerm[];
}

/** A valid label value: empty, or at most 63 characters, alphanumerics at both ends and `-_.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const INTEGER = /^[+-]?\d+$/;

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** Why a requirement on labels cannot be built into a selector, as kube-scheduler builds it; undefined when it can. */
function labelRequirementProblem(requirement: NodeSelectorRequirement): string | undefined {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0) return `${requirement.operator} needs at least one value`;
      const bad = values.find(value => !isLabelValue(value));
      return bad === undefined ? undefined : `'${bad}' is not a valid label value`;
    }
    case 'Exists':
    case 'DoesNotExist':
      return values.length ? `${requirement.operator} takes no values` : undefined;
    default:
      return values.length === 1 && INTEGER.test(values[0]) ? undefined : `${requirement.operator} needs one integer value`;
  }
}

/** Field requirements (`metadata.name`) take In or NotIn with exactly one value. */
function fieldRequirementProblem(requirement: NodeSelectorRequirement): string | undefined {
  if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') return `a field requirement cannot use ${requirement.operator}`;
  return (requirement.values ?? []).length === 1 ? undefined : `a field requirement needs exactly one value`;
}

function compileTerm(term: NodeSelectorTerm): CompiledTerm {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  const compiled: CompiledTerm = { expressions, fields };
  for (const requirement of expressions) {
    const why = labelRequirementProblem(requirement);
    if (why) return { ...compiled, invalid: { requirement, field: false, why } };
  }
  for (const requirement of fields) {
    const why = fieldRequirementProblem(requirement);
    if (why) return { ...compiled, invalid: { requirement, field: true, why } };
  }
  return compiled;
}

export function compileNodeAffinity(
  nodeSelector: Record<string, string> | undefined,
  terms: readonly NodeSelectorTerm[] | undefined,
): CompiledNodeAffinity {
  return {
    nodeSelector: Object.entries(nodeSelector ?? {}).sort(([a], [b]) => compareText(a, b)),
    terms: terms?.map(compileTerm),
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

/** A node's fields as a field selector sees them: `metadata.name`, and empty for any other field. */
function fieldValue(key: string, nodeName: string): string {
  return key === 'metadata.name' ? nodeName : '';
}

/** A (valid) field requirement: In or NotIn one value. */
function matchesField(requirement: NodeSelectorRequirement, value: string): boolean {
  const equal = value === (requirement.values ?? [])[0];
  return requirement.operator === 'In' ? equal : !equal;
}

function termMatches(term: CompiledTerm, labels: Record<string, string>, nodeName: string): boolean {
  if (term.invalid || (term.expressions.length === 0 && term.fields.length === 0)) return false;
  for (const requirement of term.expressions) if (!matchesRequirement(requirement, labels[requirement.key])) return false;
  for (const requirement of term.fields) if (!matchesField(requirement, fieldValue(requirement.key, nodeName))) return false;
  return true;
}

/** The first requirement of a term the node fails, or undefined when the term matches. */
function failedRequirementOfTerm(
  term: CompiledTerm,
  labels: Record<string, string>,
  nodeName: string,
): string | undefined {
  if (term.expressions.length === 0 && term.fields.length === 0) {
    return 'is an empty term, which matches no node';
  }
  if (term.invalid) {
    const { requirement, field, why } = term.invalid;
    return `requires ${field ? 'field ' : ''}${describeRequirement(requirement)}, which the scheduler rejects (${why}), so it matches no node`;
  }
  for (const requirement of term.expressions) {
    const value = labels[requirement.key];
    if (!matchesRequirement(requirement, value)) {
      return `requires ${describeRequirement(requirement)}, node has ${shown(value)}`;
    }
  }
  for (const requirement of term.fields) {
    const value = fieldValue(requirement.key, nodeName);
    if (!matchesField(requirement, value)) {
      return `requires field ${describeRequirement(requirement)}, node is ${shown(value)}`;
    }
  }
  return undefined;
}

/** The same verdict as `checkNodeAffinity`, without building a message: for passes over many nodes. */
export function nodeAffinityMatches(affinity: CompiledNodeAffinity, labels: Record<string, string>, nodeName: string): boolean {
  for (const [key, wanted] of affinity.nodeSelector) if (labels[key] !== wanted) return false;
  if (!affinity.terms) return true;
  return affinity.terms.some(term => termMatches(term, labels, nodeName));
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

function findingsOf(reason: CheckReason | undefined): Finding[] {
  return reason ? [reason] : [];
}

/** An affinity that reads the node's name or hostname, checked node by node. */
class NodeAffinityByNode implements NodeFilter {
  readonly level = 'labels';
  constructor(private readonly affinity: CompiledNodeAffinity) {}
  passes(node: CheckTarget): boolean {
    return nodeAffinityMatches(this.affinity, node.labels, node.name);
  }
  explain(node: CheckTarget): Finding[] {
    return findingsOf(checkNodeAffinity(this.affinity, node.labels, node.name));
  }
}

/**
 * An affinity that reads only node labels: a shape fact, cached per
 * projection of the labels it reads (node classes that differ in other
 * labels share one answer), findings for the whole analysis.
 */
class NodeAffinityByShape implements ShapeFilter {
  readonly level = 'shape';
  readonly placementSensitive: boolean;
  private readonly verdicts = new NumbersById();

  constructor(
    private readonly affinity: CompiledNodeAffinity,
    private readonly keys: readonly string[],
    private readonly affinityId: number,
    /** Projections onto these keys by shape id, plus one: shared by every signature whose affinity reads these keys. */
    private readonly projections: NumbersById,
    private readonly projectionIds: Interner,
    private readonly findings: Map<number, Finding[]>,
  ) {
    this.placementSensitive = keys.some(key => PLACEMENT_LABEL_KEYS.has(key));
  }

  private projection(shape: NodeShape): number {
    const known = this.projections.get(shape.id);
    if (known !== 0) return known - 1;
    let key = '';
    for (const label of this.keys) key += `${shape.labels[label] ?? '\u0001'}\u0000`;
    const id = this.projectionIds.id(key);
    this.projections.set(shape.id, id + 1);
    return id;
  }

  passes(shape: NodeShape): boolean {
    const projection = this.projection(shape);
    const known = this.verdicts.get(projection);
    if (known !== 0) return known === 1;
    const ok = this.explain(shape).length === 0;
    this.verdicts.set(projection, ok ? 1 : 2);
    return ok;
  }

  explain(shape: NodeShape): Finding[] {
    const key = pair(this.affinityId, this.projection(shape));
    let found = this.findings.get(key);
    if (!found) this.findings.set(key, (found = findingsOf(checkNodeAffinity(this.affinity, shape.labels, NEW_NODE_HOSTNAME))));
    return found;
  }
}

/** NodeAffinity as a registered check. */
export const nodeAffinityCheck: SchedulingCheck = {
  name: 'NodeAffinity',
  start(env) {
    const affinityIds = env.ids('node-affinity');
    const projectionsByKeys = new Map<string, NumbersById>();
    const projectionIds = env.ids('label-projections');
    const findings = new Map<number, Finding[]>();
    return {
      prepare(demand) {
        const { affinity, affinityKeys } = demand;
        // Terms that read no key are empty: they match no node, so the check still runs.
        if (affinityKeys.length === 0 && !affinity.terms) return undefined;
        if (affinityKeys.some(key => PER_NODE_LABEL_KEYS.has(key))) return new NodeAffinityByNode(affinity);
        const keys = affinityKeys.join('\u0000');
        let projections = projectionsByKeys.get(keys);
        if (!projections) projectionsByKeys.set(keys, (projections = new NumbersById()));
        return new NodeAffinityByShape(affinity, affinityKeys, affinityIds.id(JSON.stringify(affinity)), projections, projectionIds, findings);
      },
    };
  },
};
