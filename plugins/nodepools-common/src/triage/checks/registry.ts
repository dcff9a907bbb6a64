import { hostPortsCheck } from './hostPorts';
import { interPodAffinityCheck } from './interPodAffinity';
import { nodeAffinityCheck } from './nodeAffinity';
import { nodeNameCheck } from './nodeName';
import { resourcesCheck } from './resources';
import { taintsCheck } from './taints';
import { topologySpreadCheck } from './topologySpread';
import type { SchedulingCheck } from './types';
import { unschedulableCheck } from './unschedulable';
import { volumeZoneCheck } from './volumeZone';

/**
 * The checks every pod signature is evaluated with, in the order their
 * findings are reported: first what a node's labels, taints and cordon
 * state rule out, then its room, its ports and the pods around it. A new
 * check is one file that exports a `SchedulingCheck`, listed here.
 */
export const SCHEDULING_CHECKS: readonly SchedulingCheck[] = [
  nodeNameCheck,
  unschedulableCheck,
  taintsCheck,
  nodeAffinityCheck,
  volumeZoneCheck,
  resourcesCheck,
  hostPortsCheck,
  interPodAffinityCheck,
  topologySpreadCheck,
];

/** The bit that stands for a check in a set of checks to leave out ("what if" verdicts). */
export function checkBit(check: SchedulingCheck): number {
  const index = SCHEDULING_CHECKS.indexOf(check);
  if (index < 0) throw new Error(`check ${check.name} is not registered`);
  return 1 << index;
}

export {
  hostPortsCheck,
  interPodAffinityCheck,
  nodeAffinityCheck,
  nodeNameCheck,
  resourcesCheck,
  taintsCheck,
  topologySpreadCheck,
  unschedulableCheck,
  volumeZoneCheck,
};
