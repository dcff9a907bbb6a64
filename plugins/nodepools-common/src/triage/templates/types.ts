import type { Taint } from '../../model/pool';
import type { CheckTarget } from '../checks/types';
import type { HostPort } from '../checks/hostPorts';
import type { NodeShape } from '../cluster';
import type { ResourceMap } from '../read';
import type { Placements } from './placements';
import type { CheckReason } from '../types';

/**
 * One place a new node may land (a zone, a capacity type): its shape, and
 * the node itself as the per-node filters see it, with its template's room.
 */
export interface Placement extends NodeShape, CheckTarget {
  labels: Record<string, string>;
  taints: Taint[];
}

/** One kind of node a scale-up of the pool could add. */
export interface TemplateCandidate {
  machineType?: string;
  /** `node`: copied from an existing node; `catalog`: built from the machine catalog; `unknown`: machine type not in the catalog. */
  source: 'node' | 'catalog' | 'unknown';
  estimated: boolean;
  taints: Taint[];
  /** The label sets the new node could have: one per zone and capacity type it may land in. */
  placements: Placements;
  /** Allocatable before daemonsets, in scheduler units; undefined when unknown. */
  allocatable?: ResourceMap;
  /** Capacity, which Karpenter counts against a NodePool's limits. */
  capacity?: ResourceMap;
  /** What the pool's daemonsets take on every new node. */
  overhead: ResourceMap;
  /** Allocatable minus the daemonsets, `pods` included; undefined when allocatable is unknown. */
  free?: ResourceMap;
  freeVector?: Float64Array;
  overheadPods: number;
  usedPorts: HostPort[];
}

export interface PoolScaling {
  /** A node group below its max (Karpenter: decided per candidate against the limits). */
  canAdd: boolean;
  reason?: CheckReason;
  current: number;
  max?: number;
  /** Karpenter: what is left of `spec.limits`, in scheduler units. */
  remaining?: ResourceMap;
  limits?: ResourceMap;
}

export interface PoolTemplate {
  /** `node-group`: copies of one node within min and max; `provisioner`: any allowed machine type within resource limits (Karpenter); `fixed`: no pool definition. */
  kind: 'node-group' | 'provisioner' | 'fixed';
  /** What the provider calls the pool in messages (`NodePool`), `pool` when it has no word of its own. */
  noun: string;
  candidates: TemplateCandidate[];
  /**
   * Per resource index, the most any candidate has free: set when there
   * are several candidates (a provisioner's machine types) and the room of
   * each is known, so a pod larger than all of them skips the candidates.
   */
  maxFreeVector?: Float64Array;
  scaling: PoolScaling;
  notes: string[];
}
