import type {
  ClusterTriageResponse,
  PoolTriageSummary,
  TriageClusterSummary,
  TriageReport,
} from '@nodepools/plugin-nodepools-common';

/** The latest triage of each cluster's pending pods. */
export interface TriageStore {
  saveReport(entry: {
    cluster: string;
    source: string;
    collectedAt: string;
    report: TriageReport;
  }): Promise<void>;
  /** Records a failed collection; the previous report stays. */
  saveError(entry: { cluster: string; source: string; error: string }): Promise<void>;
  getReport(cluster: string): Promise<ClusterTriageResponse | undefined>;
  listClusters(): Promise<TriageClusterSummary[]>;
  poolSummaries(): Promise<PoolTriageSummary[]>;
}
