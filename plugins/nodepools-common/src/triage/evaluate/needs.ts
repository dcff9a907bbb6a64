import type { NodeFilter, PodDemand, ShapeFilter } from '../checks/types';
import type { NodeSelectorTerm, Toleration } from '../kube';
import type { PodRecord, ResourceMap } from '../read';

/** A prepared filter with the bit that leaves it out of a "what if" verdict. */
export interface Active<F> {
  bit: number;
  filter: F;
}

/** What a group of pods with one signature needs from a node, with its checks prepared once. */
export interface PodNeeds extends PodDemand {
  id: string;
  pods: PodRecord[];
  /** Filters answered per node class or new-node placement. */
  shapeFilters: Array<Active<ShapeFilter>>;
  /** Per-node filters, by what they read: labels (reported with the shape filters), room and ports, pods around. */
  labelFilters: Array<Active<NodeFilter>>;
  capacityFilters: Array<Active<NodeFilter>>;
  topologyFilters: Array<Active<NodeFilter>>;
  /** The same filters without their bits, for the quick verdict that leaves none out. */
  quick: {
    shape: ShapeFilter[];
    labels: NodeFilter[];
    capacity: NodeFilter[];
    topology: NodeFilter[];
  };
  /**
   * Some filter reads what differs between a new node's possible placements
   * (zone, capacity type); otherwise the first placement answers for all.
   */
  zoneSensitive: boolean;
}

/** Changes to a pod's needs, for "what if" evaluations behind a suggested fix. */
export interface NeedsChange {
  addTolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  /** `null` drops the required node affinity. */
  nodeAffinityTerms?: NodeSelectorTerm[] | null;
  requests?: ResourceMap;
}

/** Bits of a quick verdict. */
export const FITS_NOW = 1;
export const FITS_NEW_NODE = 2;
export const FITS_AFTER_SCALE_UP = 4;
