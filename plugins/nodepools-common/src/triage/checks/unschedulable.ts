import type { Toleration } from '../kube';
import type { CheckReason } from '../types';
import { toleratesTaint } from './taints';
import type { NodeShape } from '../cluster';
import type { Finding, SchedulingCheck, ShapeFilter } from './types';

/** The taint the NodeUnschedulable filter pretends a cordoned node has. */
export const UNSCHEDULABLE_TAINT = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
} as const;

/** NodeUnschedulable filter: a cordoned node takes only pods that tolerate its unschedulable taint. */
export function checkUnschedulable(
  unschedulable: boolean,
  tolerations: readonly Toleration[],
): CheckReason | undefined {
  if (!unschedulable) return undefined;
  if (tolerations.some(t => toleratesTaint(t, UNSCHEDULABLE_TAINT))) return undefined;
  return { code: 'unschedulable', message: 'node is unschedulable (cordoned)' };
}

/** A cordoned node is a shape fact. */
class CordonFilter implements ShapeFilter {
  readonly level = 'shape';
  readonly placementSensitive = false;
  constructor(private readonly reason: CheckReason) {}
  passes(shape: NodeShape): boolean {
    return !shape.unschedulable;
  }
  explain(shape: NodeShape): Finding[] {
    return shape.unschedulable ? [this.reason] : [];
  }
}

/** NodeUnschedulable as a registered check. */
export const unschedulableCheck: SchedulingCheck = {
  name: 'NodeUnschedulable',
  start: () => ({
    prepare(demand) {
      const cordoned = checkUnschedulable(true, demand.tolerations);
      return cordoned ? new CordonFilter(cordoned) : undefined;
    },
  }),
};
