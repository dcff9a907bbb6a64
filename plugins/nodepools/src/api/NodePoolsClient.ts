import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DesiredScopesResponse,
  DesiredScopeStatus,
  DriftAcknowledgeRequest,
  DriftFindingRecord,
  DriftPage,
  DriftQuery,
  DriftState,
  DriftSummary,
  PoolDriftCount,
  PoolDriftCountsResponse,
  ClusterSummary,
  ClustersResponse,
  ClusterTriageResponse,
  NodePoolDetail,
  PoolFacets,
  PoolHistoryEntry,
  PoolHistoryResponse,
  PoolPage,
  PoolQuery,
  PoolTriageSummary,
  SourcesResponse,
  SourceStatusInfo,
  TriageAnalyzeRequest,
  TriageClustersResponse,
  TriageClusterSummary,
  TriagePoolsResponse,
  TriageReport,
  WorkloadPoolsQuery,
  WorkloadPoolsResponse,
  CreateRequestBody,
  PoolRequestDetail,
  RenderedRequest,
  RequestListQuery,
  RequestListResponse,
  TransitionBody,
  UpdateRequestBody,
  ValidateRequestBody,
  ValidationResult,
  AcknowledgeFindingBody,
  ConfirmReviewBody,
  ConfirmReviewResponse,
  CostQuery,
  CostsResponse,
  GovernanceExportKind,
  FindingQuery,
  FindingsPage,
  FindingsSummary,
  GovernanceFindingRecord,
  GovernancePoolQuery,
  GovernancePoolsResponse,
  OwnerReview,
  UpgradePlan,
} from '@nodepools/plugin-nodepools-common';
import { poolQueryToSearchParams } from '../lib/poolQuery';
import {
  attachmentFilename,
  governanceQueryToSearchParams,
  searchSuffix,
} from '../lib/governanceQuery';
import type { ExportDownload, ExportFormat, ExportQuery, UpgradeQuery } from './NodePoolGovernanceApi';
import type { NodePoolsApi, NodePoolsRequestOptions } from './NodePoolsApi';
import type { RequestReviewAction } from './NodePoolRequestsApi';

/** Talks to the nodepools backend through Backstage's discovery and fetch APIs. */
export class NodePoolsClient implements NodePoolsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listPools(
    query: PoolQuery = {},
    options: NodePoolsRequestOptions = {},
  ): Promise<PoolPage> {
    const search = poolQueryToSearchParams(query).toString();
    return this.request<PoolPage>(`/pools${search ? `?${search}` : ''}`, {
      signal: options.signal,
    });
  }

  async getFacets(): Promise<PoolFacets> {
    return this.request<PoolFacets>('/pools/facets');
  }

  async getPool(ref: string): Promise<NodePoolDetail> {
    return this.request<NodePoolDetail>(`/pools/${encodeURIComponent(ref)}`);
  }

  async getPoolHistory(ref: string): Promise<PoolHistoryEntry[]> {
    const body = await this.request<PoolHistoryResponse>(
      `/pools/${encodeURIComponent(ref)}/history`,
    );
    return body.items;
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const body = await this.request<ClustersResponse>('/clusters');
    return body.items;
  }

  async listSources(): Promise<SourceStatusInfo[]> {
    const body = await this.request<SourcesResponse>('/sources');
    return body.items;
  }

  async syncSource(id: string): Promise<void> {
    const response = await this.send(
      `/sources/${encodeURIComponent(id)}/sync`,
      { method: 'POST' },
    );
    // The body of a 202 says nothing the caller needs; drain it so the
    // connection is released.
    await response.text();
  }

  async listTriageClusters(): Promise<TriageClusterSummary[]> {
    const body = await this.request<TriageClustersResponse>('/triage/clusters');
    return body.items;
  }

  async getClusterTriage(
    cluster: string,
    options: NodePoolsRequestOptions = {},
  ): Promise<ClusterTriageResponse> {
    const search = new URLSearchParams({ cluster }).toString();
    return this.request<ClusterTriageResponse>(`/triage?${search}`, {
      signal: options.signal,
    });
  }

  async listTriagePools(): Promise<PoolTriageSummary[]> {
    const body = await this.request<TriagePoolsResponse>('/triage/pools');
    return body.items;
  }

  async listWorkloadPools(
    query: WorkloadPoolsQuery,
    options: NodePoolsRequestOptions = {},
  ): Promise<WorkloadPoolsResponse> {
    const params = new URLSearchParams();
    if (query.kubernetesId) params.set('kubernetesId', query.kubernetesId);
    if (query.labelSelector) params.set('labelSelector', query.labelSelector);
    if (query.namespace) params.set('namespace', query.namespace);
    return this.request<WorkloadPoolsResponse>(`/workloads/pools?${params}`, {
      signal: options.signal,
    });
  }

  async analyzeTriage(
    request: TriageAnalyzeRequest,
    options: NodePoolsRequestOptions = {},
  ): Promise<TriageReport> {
    return this.request<TriageReport>('/triage/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: options.signal,
    });
  }

  async validateRequest(
    body: ValidateRequestBody,
    options: NodePoolsRequestOptions = {},
  ): Promise<ValidationResult> {
    return this.post<ValidationResult>('/requests/validate', body, options);
  }

  async createRequest(body: CreateRequestBody): Promise<PoolRequestDetail> {
    return this.post<PoolRequestDetail>('/requests', body);
  }

  async listRequests(
    query: RequestListQuery = {},
    options: NodePoolsRequestOptions = {},
  ): Promise<RequestListResponse> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const text = search.toString();
    return this.request<RequestListResponse>(`/requests${text ? `?${text}` : ''}`, {
      signal: options.signal,
    });
  }

  async getRequest(id: string): Promise<PoolRequestDetail> {
    return this.request<PoolRequestDetail>(`/requests/${encodeURIComponent(id)}`);
  }

  async updateRequest(id: string, body: UpdateRequestBody): Promise<PoolRequestDetail> {
    return this.request<PoolRequestDetail>(`/requests/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async transitionRequest(
    id: string,
    action: RequestReviewAction,
    body: TransitionBody,
  ): Promise<PoolRequestDetail> {
    return this.post<PoolRequestDetail>(
      `/requests/${encodeURIComponent(id)}/${encodeURIComponent(action)}`,
      body,
    );
  }

  async renderRequest(id: string): Promise<RenderedRequest> {
    return this.request<RenderedRequest>(`/requests/${encodeURIComponent(id)}/render`);
  }

  private async post<T>(path: string, body: unknown, options: NodePoolsRequestOptions = {}): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  }

  async listDrift(query: DriftQuery = {}, options: NodePoolsRequestOptions = {}): Promise<DriftPage> {
    const search = new URLSearchParams();
    for (const key of ['cluster', 'owner', 'severity', 'state', 'cause'] as const) {
      for (const value of query[key] ?? []) search.append(key, value);
    }
    if (query.cursor) search.set('cursor', query.cursor);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    const text = search.toString();
    return this.request<DriftPage>(`/drift${text ? `?${text}` : ''}`, { signal: options.signal });
  }

  async getPoolDrift(ref: string, states?: DriftState[]): Promise<DriftFindingRecord[]> {
    const search = states?.length ? `?${new URLSearchParams(states.map(s => ['state', s]))}` : '';
    const body = await this.request<{ items: DriftFindingRecord[] }>(`/pools/${encodeURIComponent(ref)}/drift${search}`);
    return body.items;
  }

  async acknowledgeDrift(id: string, request: DriftAcknowledgeRequest): Promise<DriftFindingRecord> {
    return this.request<DriftFindingRecord>(`/drift/${encodeURIComponent(id)}/acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async getDriftSummary(days?: number): Promise<DriftSummary> {
    return this.request<DriftSummary>(`/drift/summary${days ? `?days=${days}` : ''}`);
  }

  async listPoolDriftCounts(): Promise<PoolDriftCount[]> {
    return (await this.request<PoolDriftCountsResponse>('/drift/pools')).items;
  }

  async listDesiredScopes(): Promise<DesiredScopeStatus[]> {
    return (await this.request<DesiredScopesResponse>('/drift/sources')).items;
  }

  async listFindings(query: FindingQuery = {}, options: NodePoolsRequestOptions = {}): Promise<FindingsPage> {
    const search = searchSuffix(governanceQueryToSearchParams(query));
    return this.request<FindingsPage>(`/findings${search}`, { signal: options.signal });
  }

  async getFindingsSummary(): Promise<FindingsSummary> {
    return this.request<FindingsSummary>('/findings/summary');
  }

  async acknowledgeFinding(id: string, body: AcknowledgeFindingBody): Promise<GovernanceFindingRecord> {
    return this.post<GovernanceFindingRecord>(`/findings/${encodeURIComponent(id)}/acknowledge`, body);
  }

  async getCosts(query: CostQuery = {}, options: NodePoolsRequestOptions = {}): Promise<CostsResponse> {
    const search = searchSuffix(governanceQueryToSearchParams(query));
    return this.request<CostsResponse>(`/costs${search}`, { signal: options.signal });
  }

  async listGovernancePools(query: GovernancePoolQuery = {}): Promise<GovernancePoolsResponse> {
    const search = searchSuffix(governanceQueryToSearchParams(query));
    return this.request<GovernancePoolsResponse>(`/governance/pools${search}`);
  }

  async getUpgradePlan(query: UpgradeQuery = {}, options: NodePoolsRequestOptions = {}): Promise<UpgradePlan> {
    const params = new URLSearchParams();
    if (query.cluster) params.set('cluster', query.cluster);
    if (query.owner) params.set('owner', query.owner);
    return this.request<UpgradePlan>(`/upgrades${searchSuffix(params)}`, { signal: options.signal });
  }

  async getOwnerReview(owner: string): Promise<OwnerReview> {
    return this.request<OwnerReview>(`/owners/${encodeURIComponent(owner)}/review`);
  }

  async confirmOwnerReview(owner: string, body: ConfirmReviewBody): Promise<ConfirmReviewResponse> {
    return this.post<ConfirmReviewResponse>(`/owners/${encodeURIComponent(owner)}/review/confirm`, body);
  }

  async exportUrl(kind: GovernanceExportKind, format: ExportFormat, query: ExportQuery = {}): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('nodepools');
    // Paging belongs to a listing, not to its export: an export holds every row.
    const { cursor: _cursor, limit: _limit, ...filters } = query as FindingQuery;
    const search = searchSuffix(governanceQueryToSearchParams(filters));
    return `${baseUrl}/export/${kind}.${format}${search}`;
  }

  async downloadExport(kind: GovernanceExportKind, format: ExportFormat, query: ExportQuery = {}): Promise<ExportDownload> {
    // Through the fetch API, so the request carries the user's Backstage token,
    // which a plain link to the URL would not.
    const response = await this.fetchApi.fetch(await this.exportUrl(kind, format, query));
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const filename = attachmentFilename(response.headers.get('content-disposition'), `${kind}.${format}`);
    return { blob: await response.blob(), filename };
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(path, init);
    return (await response.json()) as T;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('nodepools');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
