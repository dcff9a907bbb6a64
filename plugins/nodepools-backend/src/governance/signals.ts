import type { PoolUsage, SubnetHeadroom } from '@nodepools/plugin-nodepools-common';

/** What the cluster and the cloud say of one pool beyond the inventory. */
export interface PoolSignals {
  /** Node usage from `metrics.k8s.io`. */
  usage?: PoolUsage;
  /** Free addresses of an EKS pool's subnets. */
  subnets?: SubnetHeadroom;
  /** Hourly price of one node from real costs (OpenCost), replacing the list price. */
  realNodeHourly?: number;
}

/**
 * Signals the governance evaluation reads for the pools it evaluates, by
 * pool ref. Implemented by the signal collectors (node metrics, subnets,
 * OpenCost); a pool without an entry is evaluated from the inventory alone.
 */
export interface GovernanceSignals {
  read(refs: string[]): Promise<Map<string, PoolSignals>>;
}

/** No signals: usage, subnets and real costs are unknown, and list prices are used. */
export const NO_SIGNALS: GovernanceSignals = {
  async read() {
    return new Map();
  },
};
