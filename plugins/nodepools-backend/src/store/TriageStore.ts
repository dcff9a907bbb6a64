import type {
  ClusterIdentity,
  ClusterTriageResponse,
  PoolTriageSummary,
  TriageClusterSummary,
  TriageReport,
} from '@nodepools/plugin-nodepools-common';

/** The latest triage of each cluster's pending pods, keyed by cluster ref. */
export interface TriageStore {
  saveReport(entry: {
    cluster: ClusterIdentity;
    source: string;
    collectedAt: string;
    report: TriageReport;
  }): Promise<void>;
  /** Records a failed collection; the previous report stays. */
  saveError(entry: { cluster: ClusterIdentity; source: string; error: string }): Promise<void>;
  /** The report stored under exactly this cluster ref. */
  getReport(clusterRef: string): Promise<ClusterTriageResponse | undefined>;
  listClusters(): Promise<TriageClusterSummary[]>;
  poolSummaries(): Promise<PoolTriageSummary[]>;
}
