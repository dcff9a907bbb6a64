import { createApiRef } from '@backstage/core-plugin-api';
import type {
  DesiredScopeStatus,
  DriftAcknowledgeRequest,
  DriftFindingRecord,
  DriftPage,
  DriftQuery,
  DriftState,
  DriftSummary,
  PoolDriftCount,
  ClusterSummary,
  ClusterTriageResponse,
  NodePoolDetail,
  PoolFacets,
  PoolHistoryEntry,
  PoolPage,
  PoolQuery,
  PoolTriageSummary,
  SourceStatusInfo,
  TriageAnalyzeRequest,
  TriageClusterSummary,
  TriageReport,
  WorkloadPoolsQuery,
  WorkloadPoolsResponse,
} from '@nodepools/plugin-nodepools-common';
import type { NodePoolGovernanceApi } from './NodePoolGovernanceApi';
import type { NodePoolRequestsApi } from './NodePoolRequestsApi';

/** Options of a single request. */
export interface NodePoolsRequestOptions {
  /** Aborts the request, e.g. when the user changed the filters meanwhile. */
  signal?: AbortSignal;
}

/** Read access to the node pool inventory, manual syncs of its sources, pool requests and governance. */
export interface NodePoolsApi extends NodePoolRequestsApi, NodePoolGovernanceApi {
  /** One page of pools matching the query; follow `nextCursor` for the next. */
  listPools(
    query?: PoolQuery,
    options?: NodePoolsRequestOptions,
  ): Promise<PoolPage>;
  /** Distinct values of every filter, for the pickers. */
  getFacets(): Promise<PoolFacets>;
  /** One pool with its raw provider record. Rejects with a 404 `ResponseError` for an unknown ref. */
  getPool(ref: string): Promise<NodePoolDetail>;
  /** The pool's field-level changes, newest first. */
  getPoolHistory(ref: string): Promise<PoolHistoryEntry[]>;
  listClusters(): Promise<ClusterSummary[]>;
  /** The last sync of every configured source. */
  listSources(): Promise<SourceStatusInfo[]>;
  /** Asks the backend to sync a source now; resolves once it is accepted. */
  syncSource(id: string): Promise<void>;
  /** Every cluster with a stored pending-pod triage, and how its last collection went. */
  listTriageClusters(): Promise<TriageClusterSummary[]>;
  /**
   * The latest triage of one cluster, by cluster ref (or a bare name while
   * only one cluster with a triage has it). Rejects with a 404
   * `ResponseError` when it has none, a 400 listing the candidate refs when
   * a name is ambiguous.
   */
  getClusterTriage(
    cluster: string,
    options?: NodePoolsRequestOptions,
  ): Promise<ClusterTriageResponse>;
  /** Per pool, across clusters: how many pending pods fit there now and after a scale-up. */
  listTriagePools(): Promise<PoolTriageSummary[]>;
  /**
   * The pools a workload's pods run on (its Kubernetes id or label
   * selector, and namespace), as the clusters last reported. Rejects with
   * a 400 `ResponseError` for a selector the backend cannot look up.
   */
  listWorkloadPools(
    query: WorkloadPoolsQuery,
    options?: NodePoolsRequestOptions,
  ): Promise<WorkloadPoolsResponse>;
  /**
   * Triages kubectl JSON that the caller read itself. Rejects with a 400
   * `ResponseError` naming the field when the input is not kubectl's JSON.
   */
  analyzeTriage(
    request: TriageAnalyzeRequest,
    options?: NodePoolsRequestOptions,
  ): Promise<TriageReport>;
  /** One page of drift findings, most severe first; default open and acknowledged ones. */
  listDrift(query?: DriftQuery, options?: NodePoolsRequestOptions): Promise<DriftPage>;
  /** A pool's drift findings; default open and acknowledged ones. Rejects with a 404 for an unknown ref. */
  getPoolDrift(ref: string, states?: DriftState[]): Promise<DriftFindingRecord[]>;
  /**
   * Acknowledges a finding with a reason and an optional expiry. Rejects
   * with a 400 naming the field, 403 when not allowed, 404 for an unknown id.
   */
  acknowledgeDrift(id: string, request: DriftAcknowledgeRequest): Promise<DriftFindingRecord>;
  /** Counts by cause, owner and cluster, and over the last `days` days. */
  getDriftSummary(days?: number): Promise<DriftSummary>;
  /** Open and acknowledged findings per pool, for the pool cards. */
  listPoolDriftCounts(): Promise<PoolDriftCount[]>;
  /** The last read of every desired-state source's scopes. */
  listDesiredScopes(): Promise<DesiredScopeStatus[]>;
}

export const nodePoolsApiRef = createApiRef<NodePoolsApi>({
  id: 'plugin.nodepools.service',
});
