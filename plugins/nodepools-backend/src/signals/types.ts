import type { SubnetHeadroom } from '@nodepools/plugin-nodepools-common';

/** One sync's reading of a pool's nodes. */
export interface PoolObservation {
  ref: string;
  observedAt: string;
  /** What the nodes use now; absent when the cluster serves no node metrics. */
  used?: { cpu: number; memory: number };
  /** What the pods on the nodes request, from the observed roll-up. */
  requested?: { cpu?: number; memory?: number };
}

export interface PoolSubnetsReading extends SubnetHeadroom {
  ref: string;
}

export interface PoolNodeCost {
  ref: string;
  /** Cost of the pool's nodes over the window divided by their node hours. */
  nodeHourly: number;
  nodeHours: number;
  /** The window asked for, e.g. `7d`. */
  window: string;
  /** Where the costs were read (the OpenCost URL). */
  origin: string;
  observedAt: string;
}
