import type {
  ClusterIdentity,
  ClusterTriageResponse,
  PoolTriageSummary,
  TriageClusterSummary,
  TriageReportSummary,
} from '@nodepools/plugin-nodepools-common';

/** A report as its analysis wrote it: JSON, stored and served without being parsed again. */
export interface StoredReport {
  json: Uint8Array | string;
  summary: TriageReportSummary;
}

/** A stored triage with its report as JSON in the compact shape. */
export type StoredTriage = Omit<ClusterTriageResponse, 'report'> & { reportJson: string };

/** The latest triage of each cluster's pending pods, keyed by cluster ref. */
export interface TriageStore {
  saveReport(entry: {
    cluster: ClusterIdentity;
    source: string;
    collectedAt: string;
    report: StoredReport;
  }): Promise<void>;
  /** Records a failed collection; the previous report stays. */
  saveError(entry: { cluster: ClusterIdentity; source: string; error: string }): Promise<void>;
  /** The report stored under exactly this cluster ref; reports stored in the per-pod shape come back compact. */
  getReport(clusterRef: string): Promise<StoredTriage | undefined>;
  listClusters(): Promise<TriageClusterSummary[]>;
  poolSummaries(): Promise<PoolTriageSummary[]>;
}
