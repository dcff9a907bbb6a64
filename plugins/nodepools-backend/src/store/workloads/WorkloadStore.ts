import type { SelectorRequirement } from '@nodepools/plugin-nodepools-common';

/** The pods of one workload on one pool, by namespace. */
export interface WorkloadPods {
  ref: string;
  pods: number;
  namespaces: Array<{ namespace: string; pods: number }>;
}

/** Which workloads run on which pool, as the observing sources last saw. */
export interface WorkloadStore {
  /**
   * The live pools whose observed pods match every requirement (and the
   * namespace, when given), with how many pods. `lookup` is a requirement
   * of `requirements` with operator `in`, used to find candidate pools.
   */
  findPools(query: {
    requirements: SelectorRequirement[];
    lookup: SelectorRequirement;
    namespace?: string;
  }): Promise<WorkloadPods[]>;
}
