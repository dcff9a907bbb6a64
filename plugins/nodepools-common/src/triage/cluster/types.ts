import type { NodePool, PoolSpec, Provider, Taint } from '../../model/pool';
import type { ExistingAntiAffinity, PlacedPods } from '../checks/interPodAffinity';
import type { VolumeTopology } from '../checks/volumeZone';
import type { NodeSelectorTerm } from '../kube';
import type { BoundPod, DaemonPod, EventRecord, NodeRecord, PlacedOnNode, PlacedPod, PodBeforeItsNode, PodRecord, RequestedByNode } from '../read';
import type { Interner, ResourceIndex } from './indexes';
import type { NodeShapes } from './nodeShapes';

/**
 * Labels, taints and cordon state: what the label- and taint-based checks
 * look at. Existing nodes that share them form one class; a template node
 * is a shape too.
 */
export interface NodeShape {
  id: number;
  labels: Record<string, string>;
  taints: Taint[];
  taintsId: number;
  unschedulable: boolean;
}

/**
 * Nodes of one class that a capacity check cannot tell apart: the same
 * allocatable, free amounts and used host ports. `node` is the first of
 * them in the class's order; `count` how many there are.
 */
export interface CapacityGroup {
  node: NodeRecord;
  count: number;
}

/** Nodes of one pool with the same shape, and the most room any of them has. */
export interface NodeClass extends NodeShape {
  pool: PoolState;
  nodes: NodeRecord[];
  /** The distinct lists of DaemonSet pods its nodes run (nodes running equal ones share a list). */
  daemonPodLists: Array<readonly DaemonPod[]>;
  /** Worked out when first asked for (null: not grouped): see `capacityGroupsOf`. */
  capacityGroups?: CapacityGroup[] | null;
  /** Per resource index, the most any node of the class has free (allocatable minus requested; slot 0: pod slots), from `maxFreeAt` on in a buffer every class shares. */
  maxFreeVector: Float64Array;
  maxFreeAt: number;
  /** How many resources a free vector holds: its nodes' (see `NodeRecord.free`) and its own. */
  freeWidth: number;
}

export interface PoolState {
  /** Position in `ClusterState.pools`. */
  index: number;
  key: string;
  cluster: string;
  name: string;
  provider: Provider;
  ref: string;
  spec?: PoolSpec | NodePool;
  /** The node label that names this pool's nodes. */
  label?: string;
  /** How many nodes it has: they are its classes' nodes. */
  nodeCount: number;
  classes: NodeClass[];
  /** Per resource index, the most any node of the pool has free, from `maxFreeAt` on in a buffer every pool shares. */
  maxFreeVector: Float64Array;
  maxFreeAt: number;
}

export interface ClusterState {
  cluster: string;
  nodes: NodeRecord[];
  nodesByName: Map<string, NodeRecord>;
  pools: PoolState[];
  /** The pool of a node. */
  poolOf(node: NodeRecord): PoolState;
  /** Pods waiting for the scheduler (Pending, no node). */
  pending: PodRecord[];
  /** Pods bound to a node name that is not in the node list. */
  boundToMissingNode: BoundPod[];
  /** Pods placed on a node whose sandbox is still being created. */
  creating: BoundPod[];
  placed: PlacedPods<PlacedOnNode>;
  existingAntiAffinity: ExistingAntiAffinity[];
  namespaceLabels: Map<string, Record<string, string>>;
  /** One running pod per DaemonSet, as the model of what it puts on a new node. */
  daemonSets: Map<string, PodRecord>;
  zones: string[];
  /** `namespace/claim` -> where its bound volume can be used. */
  volumes: Map<string, VolumeTopology>;
  events: Map<string, EventRecord[]>;
  taintSets: Interner;
  resources: ResourceIndex;
  /** Node classes by id. */
  classes: NodeClass[];
  nextShapeId(): number;
}

export interface ClusterInput {
  cluster?: string;
  pools: ReadonlyArray<PoolSpec | NodePool>;
  nodes: NodeRecord[];
  /** The nodes by name, when the reader already has them so (it refuses a name seen twice). */
  nodesByName?: Map<string, NodeRecord>;
  /** What each node's bound pods request, by the node's index. */
  requestedByNode: RequestedByNode;
  /** The shapes the reader gave the nodes. */
  nodeShapes: NodeShapes;
  /** Every resource a node offers, in the order read. */
  resources: ResourceIndex;
  /** Pods waiting for the scheduler. */
  pendingPods: PodRecord[];
  /** How many pods are bound to a node, terminal ones left out. */
  placedCount: number;
  /** Those pods by namespace, in their order. */
  placedByNamespace: ReadonlyMap<string, readonly PlacedPod[]>;
  /** The ones read before their node, with the way to it. */
  readBeforeTheirNode: readonly PodBeforeItsNode[];
  /** The bound pods kept in full (DaemonSet pods, anti-affinity, Pending on a node). */
  specialPods: BoundPod[];
  events: EventRecord[];
  persistentVolumes: ReadonlyArray<{ name: string; labels: Record<string, string>; terms?: NodeSelectorTerm[] }>;
  persistentVolumeClaims: ReadonlyArray<{ namespace: string; name: string; volumeName?: string }>;
  namespaces: ReadonlyArray<{ name: string; labels: Record<string, string> }>;
}
