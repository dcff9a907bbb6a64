import { defaultMachineCatalog } from '../../../machines/catalog';
import { buildClusterState } from '../../cluster';
import { Evaluator, FITS_NOW } from '../../evaluate';
import { readTriageInput } from '../../input';
import type { TriageInput } from '../../types';
import { checkBit } from '../registry';
import { findingReason } from '../resources';
import type { SchedulingCheck } from '../types';
import type { CheckReason } from '../../types';

/** Kubernetes objects in kubectl's JSON shape, built small, for check tests that run through the registry. */
export const kube = {
  node: (name: string, labels: Record<string, string>, allocatable: Record<string, string>, spec: Record<string, unknown> = {}) => ({
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec,
    status: { allocatable },
  }),
  pending: (spec: Record<string, unknown>, labels: Record<string, string> = { app: 'web' }) => ({
    kind: 'Pod',
    metadata: { name: 'pending', namespace: 'shop', labels },
    spec: { containers: [{ name: 'main' }], ...spec },
    status: { phase: 'Pending' },
  }),
  running: (name: string, nodeName: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'web' }) => ({
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels },
    spec: { nodeName, containers: [{ name: 'main' }], ...spec },
    status: { phase: 'Running' },
  }),
  list: (items: unknown[]) => ({ kind: 'List', items }),
};

export interface CheckVerdict {
  passes: boolean;
  /** The findings worded as an existing node's reasons. */
  findings: CheckReason[];
}

export interface CheckOnCluster {
  /** The check's answer for an existing node. */
  (nodeName: string): CheckVerdict;
  /** The engine's quick verdict, with every check, for the pods of the pool the node belongs to. */
  fitsNow(nodeName: string): boolean;
}

/**
 * Runs one registered check the way the engine does: reads the input,
 * builds the cluster, prepares every check for the first pending pod, and
 * answers for an existing node by name. A check the pod does not need
 * (not prepared) passes every node.
 */
export function checkOnCluster(check: SchedulingCheck, input: TriageInput): CheckOnCluster {
  const skipped: unknown[] = [];
  const state = buildClusterState(readTriageInput(input, skipped as never[]));
  if (skipped.length) throw new Error(`input has bad items: ${JSON.stringify(skipped)}`);
  const [pod] = state.pending;
  if (!pod) throw new Error('no pending pod in the input');
  const evaluator = new Evaluator(state, defaultMachineCatalog(), {});
  const needs = evaluator.compileNeeds([pod]);
  const bit = checkBit(check);
  const shape = needs.shapeFilters.find(a => a.bit === bit)?.filter;
  const node = [...needs.labelFilters, ...needs.capacityFilters, ...needs.topologyFilters].find(a => a.bit === bit)?.filter;
  const nodeNamed = (nodeName: string) => {
    const target = state.nodesByName.get(nodeName);
    if (!target) throw new Error(`no node ${nodeName}`);
    return target;
  };
  const answer = (nodeName: string): CheckVerdict => {
    const target = nodeNamed(nodeName);
    if (shape) {
      const cls = state.classes[target.classId];
      return { passes: shape.passes(cls), findings: shape.explain(cls).map(f => findingReason(f)) };
    }
    if (node) return { passes: node.passes(target), findings: node.explain(target).map(f => findingReason(f)) };
    return { passes: true, findings: [] };
  };
  return Object.assign(answer, {
    fitsNow: (nodeName: string) => (evaluator.quickVerdict(needs, state.poolOf(nodeNamed(nodeName))) & FITS_NOW) !== 0,
  });
}
