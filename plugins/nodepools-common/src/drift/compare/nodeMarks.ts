import { formatTaint, type ObservedMark, type Taint } from '../../model/pool';
import { isSystemNodeLabel } from '../nodeLabels';
import { isCompared, isImplicitLabel, isImplicitTaint, type DriftSemantics } from '../semantics';
import type { ActualPool } from '../types';
import type { NodeDrift } from './nodes';

/** A label or taint some of the pool's nodes lack, or carry without their pool having it. */
export interface MarkDelta {
  /** `key=value` of a label, `key=value:Effect` of a taint. */
  mark: string;
  /** How many nodes lack it (missing) or carry it (extra). */
  nodes: number;
  /** Some of those nodes, by name. */
  examples: string[];
}

export interface NodeMarksDelta {
  missing: MarkDelta[];
  extra: MarkDelta[];
}

const labelText = (key: string, value: string | undefined) => `${key}=${value ?? ''}`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describe(delta: NodeMarksDelta, nodeCount: number, what: string): string {
  const parts = [
    ...delta.missing.map(m => `${m.nodes} of ${plural(nodeCount, 'node')} lack${m.nodes === 1 ? 's' : ''} the pool's ${what} ${m.mark}${m.examples.length ? ` (${m.examples.join(', ')})` : ''}`),
    ...delta.extra.map(m => `${plural(m.nodes, 'node')} carr${m.nodes === 1 ? 'ies' : 'y'} ${what} ${m.mark}, not the pool's${m.examples.length ? ` (${m.examples.join(', ')})` : ''}`),
  ];
  return parts.join('; ');
}

/**
 * Label keys the pool's nodes get from the pool itself: its labels, and
 * the keys of its scheduling requirements (Karpenter labels a node with
 * the value it picked for each).
 */
function expectedLabelKeys(actual: ActualPool): Set<string> {
  return new Set([...Object.keys(actual.labels), ...(actual.requirements ?? []).map(r => r.key)]);
}

function labelDrift(actual: ActualPool, semantics: DriftSemantics): NodeDrift | undefined {
  const marks = actual.observed?.labels;
  if (!marks || !isCompared(semantics, 'labels')) return undefined;
  const nodeCount = actual.observed!.nodeCount;
  const byText = new Map(marks.map(m => [labelText(m.key, m.value), m]));
  const delta: NodeMarksDelta = { missing: [], extra: [] };
  for (const [key, value] of Object.entries(actual.labels)) {
    if (isSystemNodeLabel(key) || isImplicitLabel(semantics, key)) continue;
    const mark = byText.get(labelText(key, value));
    const lacking = nodeCount - (mark?.nodes ?? 0);
    if (lacking > 0) delta.missing.push({ mark: labelText(key, value), nodes: lacking, examples: mark?.missingFrom ?? [] });
  }
  const expected = expectedLabelKeys(actual);
  for (const mark of marks) {
    if (isSystemNodeLabel(mark.key) || isImplicitLabel(semantics, mark.key)) continue;
    // A node with another value of a pool label is counted as lacking the pool's value.
    if (expected.has(mark.key)) continue;
    delta.extra.push({ mark: labelText(mark.key, mark.value), nodes: mark.nodes, examples: mark.carriedBy });
  }
  if (!delta.missing.length && !delta.extra.length) return undefined;
  return {
    field: 'nodes.labels',
    cause: 'node-labels',
    desired: actual.labels,
    actual: delta,
    message: describe(delta, nodeCount, 'label'),
  };
}

const taintOf = (m: ObservedMark): Taint => ({ key: m.key, ...(m.value ? { value: m.value } : {}), effect: m.effect ?? 'NoSchedule' });

function taintDrift(actual: ActualPool, semantics: DriftSemantics): NodeDrift | undefined {
  const marks = actual.observed?.taints;
  if (!marks) return undefined;
  const nodeCount = actual.observed!.nodeCount;
  const byText = new Map(marks.map(m => [formatTaint(taintOf(m)), m]));
  const declared = new Set(actual.taints.map(formatTaint));
  const delta: NodeMarksDelta = { missing: [], extra: [] };
  for (const taint of actual.taints) {
    const text = formatTaint(taint);
    const mark = byText.get(text);
    const lacking = nodeCount - (mark?.nodes ?? 0);
    if (lacking > 0) delta.missing.push({ mark: text, nodes: lacking, examples: mark?.missingFrom ?? [] });
  }
  for (const mark of marks) {
    const taint = taintOf(mark);
    if (declared.has(formatTaint(taint)) || isImplicitTaint(semantics, taint)) continue;
    delta.extra.push({ mark: formatTaint(taint), nodes: mark.nodes, examples: mark.carriedBy });
  }
  if (!delta.missing.length && !delta.extra.length) return undefined;
  return {
    field: 'nodes.taints',
    cause: 'node-taints',
    desired: actual.taints,
    actual: delta,
    message: describe(delta, nodeCount, 'taint'),
  };
}

/**
 * Nodes that differ from their pool: lacking a label or taint the pool
 * puts on its nodes, or carrying one it does not (a `kubectl label` or
 * `kubectl taint` by hand). Labels Kubernetes and the cloud set on every
 * node, and taints the cloud adds by itself, are not drift. Needs a
 * roll-up that counted labels and taints.
 */
export function compareNodeMarks(actual: ActualPool, semantics: DriftSemantics): NodeDrift[] {
  if (!actual.observed?.nodeCount) return [];
  return [labelDrift(actual, semantics), taintDrift(actual, semantics)].filter((d): d is NodeDrift => d !== undefined);
}
