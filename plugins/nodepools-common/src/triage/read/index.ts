/** Reading kubectl JSON into the records the triage works on; bad items are named by object and field. */
export { TriageInputError, listItems, objectName, readItem, readItems } from './items';
export { FieldError, isObject } from './fields';
export { parseResourceList, effectiveRequests, podRequests, addInto } from './requests';
export type { ResourceMap } from './requests';
export { isTerminal, readPod } from './pod';
export type { PodRecord } from './pod';
export { PodsReader, isBoundPodItem, readBoundPod, readPods } from './boundPod';
export type { BoundPod, DaemonPod, NodeUsage, PlacedOnNode, PlacedPod, PodBeforeItsNode, PodUsage, PodsRead } from './boundPod';
export { readNode } from './node';
export type { NodeRecord } from './node';
export { readEvent } from './event';
export type { EventRecord } from './event';
export { RequestedByNode } from './requestedByNode';
