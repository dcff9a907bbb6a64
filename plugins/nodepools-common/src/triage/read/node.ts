import { TAINT_EFFECTS, type Taint, type TaintEffect } from '../../model/pool';
import { PROVISIONER_POOL_LABELS } from '../../providers/registry';
import type { HostPort } from '../checks/hostPorts';
import type { Node } from '../kube';
import type { DaemonPod } from './boundPod';
import { FieldError, describe, isObject, listAt, objectAt, oneOf, optionalString, requiredString, stringMap } from './fields';
import { parseResourceList, type ResourceMap } from './requests';

/** The empty lists every node starts from; the lists its pods make from them are shared (see `SharedLists`). */
export const NO_HOST_PORTS: readonly HostPort[] = [];
export const NO_DAEMON_PODS: readonly DaemonPod[] = [];
const NO_ROOM = new Float64Array(0);
const NO_TAINTS: Taint[] = [];

/** A node as the triage uses it; `podCount`, `usedPorts` and `daemonPods` sum its bound pods as they are read (their requests: see `RequestedByNode`). */
export interface NodeRecord {
  index: number;
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  allocatable: ResourceMap;
  capacity: ResourceMap;
  podCount: number;
  usedPorts: readonly HostPort[];
  /** Its DaemonSet pods: what a new node of its pool would run too. */
  daemonPods: readonly DaemonPod[];
  /**
   * Free amounts by resource index (allocatable minus what its pods request; slot 0:
   * free pod slots), from `freeAt` on in a buffer every node shares.
   */
  free: Float64Array;
  freeAt: number;
  /** Its shape (labels but the per-node ones, taints, cordon) as the reader interned it: see `NodeShapes`. */
  shape: number;
  /** Id of the node class it belongs to. */
  classId: number;
  /** Position of its pool in the cluster's pool list. */
  poolIndex: number;
}

function countsCapacity(labels: Record<string, unknown>): boolean {
  return PROVISIONER_POOL_LABELS.some(key => key in labels);
}

export function readNode(raw: unknown, index: number): NodeRecord {
  const node = objectAt(raw, '(item)') as Node & Record<string, unknown>;
  const metadata = objectAt(node.metadata, 'metadata');
  const spec = node.spec === undefined || node.spec === null ? {} : objectAt(node.spec, 'spec');
  const status = node.status === undefined || node.status === null ? {} : objectAt(node.status, 'status');
  if (spec.unschedulable !== undefined && typeof spec.unschedulable !== 'boolean') {
    throw new FieldError('spec.unschedulable', `must be true or false, got ${describe(spec.unschedulable)}`);
  }
  if (!isObject(status.allocatable)) {
    throw new FieldError('status.allocatable', 'is missing: without it the node cannot be checked for room');
  }
  const allocatable = parseResourceList(status.allocatable, 'status.allocatable');
  return {
    index,
    name: requiredString(metadata.name, 'metadata.name'),
    labels: stringMap(metadata.labels, 'metadata.labels'),
    taints: listAt(spec.taints, 'spec.taints').length === 0 ? NO_TAINTS : listAt(spec.taints, 'spec.taints').map((t, i) => {
      const at = `spec.taints[${i}]`;
      const taint = objectAt(t, at);
      const effect = oneOf(taint.effect, TAINT_EFFECTS, `${at}.effect`);
      if (!effect) throw new FieldError(`${at}.effect`, 'is required');
      const value = optionalString(taint.value, `${at}.value`);
      const key = requiredString(taint.key, `${at}.key`);
      return value ? { key, value, effect: effect as TaintEffect } : { key, effect: effect as TaintEffect };
    }),
    unschedulable: spec.unschedulable === true,
    allocatable,
    // Only provisioners' pools count capacity (against their limits); other nodes skip the parse.
    capacity:
      isObject(status.capacity) && isObject(metadata.labels) && countsCapacity(metadata.labels)
        ? parseResourceList(status.capacity, 'status.capacity')
        : allocatable,
    podCount: 0,
    usedPorts: NO_HOST_PORTS,
    daemonPods: NO_DAEMON_PODS,
    free: NO_ROOM,
    freeAt: 0,
    shape: -1,
    classId: -1,
    poolIndex: -1,
  };
}
