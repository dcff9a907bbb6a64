import type { Taint } from '../../model/pool';
import type { ClusterState, Interner, NodeShape } from '../cluster';
import type { Toleration } from '../kube';
import type { PodRecord, ResourceMap } from '../read';
import type { CheckReason, TriageOptions } from '../types';
import type { MachineCatalog } from '../../machines/catalog';
import type { HostPort } from './hostPorts';
import type { CompiledNodeAffinity } from './nodeAffinity';
import type { ShortResource } from './resources';
import type { VolumeTopology } from './volumeZone';

/**
 * What the pods of one signature ask of a node, with any "what if" change
 * already applied: the input of every check's PreFilter.
 */
export interface PodDemand {
  /** The first pod of the signature; every pod of it has the same scheduling fields. */
  pod: PodRecord;
  requests: ResourceMap;
  tolerations: readonly Toleration[];
  /** Its `nodeSelector` and required node affinity, compiled. */
  affinity: CompiledNodeAffinity;
  /** Label keys the affinity reads; the node name counts as the hostname label. */
  affinityKeys: readonly string[];
  /** Where its bound volumes can be used. */
  volumes: readonly VolumeTopology[];
}

/** What a check reads of the cluster and shares between signatures, for one analysis. */
export interface CheckEnv {
  state: ClusterState;
  catalog: MachineCatalog;
  options: TriageOptions;
  /** Interns strings to small numbers, one interner per purpose, so caches key on numbers. */
  ids(purpose: string): Interner;
}

/**
 * One scheduling concern, as one of kube-scheduler's filter plugins: it is
 * started once per analysis (caches shared by every signature live in the
 * session) and prepared once per signature (PreFilter).
 */
export interface SchedulingCheck {
  /** The kube-scheduler filter plugin it mirrors. */
  readonly name: string;
  start(env: CheckEnv): CheckSession;
}

export interface CheckSession {
  /** What the check needs from a signature, worked out once; undefined when it cannot block these pods. */
  prepare(demand: PodDemand): PreparedCheck | undefined;
}

/**
 * A short resource found on a node: the numbers, worded only when reported
 * (a tally over many nodes keeps the node closest to fitting, and words
 * that one).
 */
export interface ShortFinding {
  code: `insufficient:${string}`;
  short: ShortResource;
}

/** What a check finds on a node: a reason, or a short resource's numbers. */
export type Finding = CheckReason | ShortFinding;

/**
 * A filter answered from a node's labels (the per-node ones, such as the
 * hostname, left out), taints and cordon state alone: once per node class,
 * or per placement of a node a scale-up would add. What reads a node's name
 * or hostname is a per-node filter (level `labels`).
 */
export interface ShapeFilter {
  readonly level: 'shape';
  /** It reads labels that differ between a new node's placements (zone, capacity type). */
  readonly placementSensitive: boolean;
  passes(shape: NodeShape): boolean;
  explain(shape: NodeShape): Finding[];
}

/**
 * A node as a per-node filter sees it: an existing node, or a placement of
 * a node a scale-up would add (with the room its template leaves).
 */
export interface CheckTarget {
  name: string;
  labels: Record<string, string>;
  /**
   * Free amounts by resource index from `freeAt` on (slot 0: free pod
   * slots); undefined when not known. Existing nodes share one buffer.
   */
  free?: Float64Array;
  freeAt: number;
  allocatable?: ResourceMap;
  podCount: number;
  usedPorts: readonly HostPort[];
  taints: readonly Taint[];
  /** A node a scale-up would add: findings word its room as the template's. */
  newNode?: boolean;
}

/**
 * A filter that reads the individual node. Levels: `labels` reads the
 * node's own labels or name, and is reported with the shape filters;
 * `capacity` reads its free room and used ports, the same on every
 * placement of a new node; `topology` reads the pods around it.
 */
export interface NodeFilter {
  readonly level: 'labels' | 'capacity' | 'topology';
  /** Prefilter on the most any node of a group has free: false when none of them can pass. */
  prefilter?(maxFree: Float64Array, at: number): boolean;
  /** Nodes of a class come ordered by free cpu: true when this node and every later one fail. */
  exhausts?(node: CheckTarget): boolean;
  passes(node: CheckTarget): boolean;
  explain(node: CheckTarget): Finding[];
}

export type PreparedCheck = ShapeFilter | NodeFilter;
