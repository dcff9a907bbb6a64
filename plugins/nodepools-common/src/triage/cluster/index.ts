/** The cluster as the checks read it: pools, node classes, bound pods and the indexes built over them. */
export { buildClusterState } from './build';
export { capacityGroupsOf } from './classes';
export { Interner, ResourceIndex } from './indexes';
export { NodeShapes } from './nodeShapes';
export { SharedResourceMaps } from './sharedResourceMaps';
export { freeCpu, isTransientTaint, podKey, taintsKey } from './nodes';
export type { ClusterInput, ClusterState, NodeClass, NodeShape, PoolState } from './types';
