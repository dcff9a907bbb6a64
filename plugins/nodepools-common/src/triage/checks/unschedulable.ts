import type { Toleration } from '../kube';
import type { CheckReason } from '../types';
import { toleratesTaint } from './taints';
import type { SchedulingCheck } from './types';

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

/** NodeUnschedulable as a registered check: a cordoned node is a shape fact. */
export const unschedulableCheck: SchedulingCheck = {
  name: 'NodeUnschedulable',
  start: () => ({
    prepare(demand) {
      const cordoned = checkUnschedulable(true, demand.tolerations);
      if (!cordoned) return undefined;
      return {
        level: 'shape',
        placementSensitive: false,
        passes: shape => !shape.unschedulable,
        explain: shape => (shape.unschedulable ? [cordoned] : []),
      };
    },
  }),
};
