import {
  DRIFT_SEVERITIES,
  type DesiredScopeStatus,
  type DriftAcknowledgeRequest,
  type DriftFindingRecord,
  type DriftPage,
  type DriftQuery,
  type DriftState,
  type DriftSummary,
  type PoolDriftCount,
  clusterRef,
  clustersAgree,
  DEFAULT_PAGE_SIZE,
  parseClusterSelector,
  toPoolListItem,
  type ClusterSummary,
  type ClusterTriageResponse,
  type NodePool,
  type NodePoolDetail,
  type PoolFacets,
  type PoolHistoryEntry,
  type PoolPage,
  type PoolQuery,
  type PoolTriageSummary,
  type SourceStatusInfo,
  type TriageAnalyzeRequest,
  type TriageClusterSummary,
  type TriageReport,
  type WorkloadPool,
  type WorkloadPoolsQuery,
  type WorkloadPoolsResponse,
  workloadSelector,
  type CreateRequestBody,
  type RequestListQuery,
  type TransitionBody,
  type UpdateRequestBody,
  type ValidateRequestBody,
} from '@nodepools/plugin-nodepools-common';
import type { AcknowledgeFindingBody, ConfirmReviewBody, CostQuery, GovernanceExportKind, FindingQuery, GovernancePoolQuery } from '@nodepools/plugin-nodepools-common';
import { InputError, NotFoundError } from '@backstage/errors';
import type { ExportFormat, ExportQuery, NodePoolsApi, RequestReviewAction, UpgradeQuery } from '../api';
import { FakeRequestWorkflow } from './FakeRequestWorkflow';
import { FakeGovernance } from './FakeGovernance';
import { POOL_FILTER_KEYS } from '../lib/poolQuery';

function searchableText(pool: NodePool): string {
  return [
    pool.name,
    pool.cluster,
    pool.region,
    pool.owner,
    ...pool.machineTypes,
    ...Object.entries(pool.labels).flat(),
  ]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US');
}

function matches(pool: NodePool, query: PoolQuery): boolean {
  for (const key of POOL_FILTER_KEYS) {
    const wanted = query[key];
    if (wanted?.length && !wanted.includes(String(pool[key] ?? ''))) {
      return false;
    }
  }
  if (query.q && !searchableText(pool).includes(query.q.toLocaleLowerCase('en-US'))) {
    return false;
  }
  return query.includeTombstoned || !pool.tombstonedAt;
}

function distinct(pools: NodePool[], key: keyof PoolFacets): string[] {
  const values = pools
    .map(pool => pool[key])
    .filter((value): value is string => typeof value === 'string' && value !== '');
  return [...new Set(values)].sort();
}

/** What the fake knows of pending-pod triage. */
export interface FakeTriage {
  /** The stored triage of each cluster. */
  reports?: ClusterTriageResponse[];
  /** The cluster list; derived from `reports` when not given. */
  clusters?: TriageClusterSummary[];
  /** The answer to an analysis request whose body is well formed. */
  analyzed?: TriageReport;
}

/** What the fake knows of drift. */
export interface FakeDrift {
  findings?: DriftFindingRecord[];
  summary?: DriftSummary;
  scopes?: DesiredScopeStatus[];
}

function isKubectlList(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/**
 * An in-memory inventory with the semantics of the backend's API: filters are
 * OR within a parameter and AND across parameters, the cursor is an offset.
 * It records what it was asked, so tests can check the queries a view sends.
 */
export class FakeNodePoolsApi implements NodePoolsApi {
  readonly queries: PoolQuery[] = [];
  readonly syncedSources: string[] = [];
  readonly analyzeRequests: TriageAnalyzeRequest[] = [];
  /** How often the per-pool triage counts were fetched. */
  triagePoolsRequests = 0;
  /** Makes every call reject with this error while set. */
  failure?: Error;
  /** The workload queries asked. */
  readonly workloadQueries: WorkloadPoolsQuery[] = [];
  /** The pools of each workload, by `<selector>|<namespace>` (namespace empty for any). */
  readonly workloadPools = new Map<string, WorkloadPool[]>();
  /** Pool requests, with the backend's workflow rules. */
  readonly requestWorkflow = new FakeRequestWorkflow();
  /** Governance: findings, costs, upgrades, owner reviews and exports (`api.governance = new FakeGovernance({...})`). */
  governance = new FakeGovernance();

  constructor(
    private readonly pools: NodePool[],
    private readonly details: Record<string, NodePoolDetail> = {},
    private readonly history: Record<string, PoolHistoryEntry[]> = {},
    private readonly sources: SourceStatusInfo[] = [],
    private readonly triage: FakeTriage = {},
    private readonly drift: FakeDrift = {},
  ) {}

  readonly acknowledgements: Array<{ id: string } & DriftAcknowledgeRequest> = [];

  private check() {
    if (this.failure) throw this.failure;
  }

  async listPools(query: PoolQuery = {}): Promise<PoolPage> {
    this.queries.push(query);
    this.check();
    const found = this.pools.filter(pool => matches(pool, query));
    if (query.sort) {
      const field = query.sort;
      const direction = query.order === 'desc' ? -1 : 1;
      found.sort((a, b) => {
        const x = a[field] ?? '';
        const y = b[field] ?? '';
        if (x === y) return 0;
        return (x < y ? -1 : 1) * direction;
      });
    }
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // What the backend lists: each pool's list item, not the whole pool.
    const items = found.slice(offset, offset + limit).map(toPoolListItem);
    const next = offset + limit;
    return {
      items,
      totalCount: found.length,
      ...(next < found.length ? { nextCursor: String(next) } : {}),
    };
  }

  async getFacets(): Promise<PoolFacets> {
    this.check();
    const live = this.pools.filter(pool => !pool.tombstonedAt);
    return {
      provider: distinct(live, 'provider'),
      cluster: distinct(live, 'cluster'),
      region: distinct(live, 'region'),
      owner: distinct(live, 'owner'),
      mode: distinct(live, 'mode'),
      capacityType: distinct(live, 'capacityType'),
    };
  }

  async getPool(ref: string): Promise<NodePoolDetail> {
    this.check();
    const detail = this.details[ref];
    if (detail) return detail;
    const pool = this.pools.find(p => p.ref === ref);
    if (!pool) throw new NotFoundError(`No pool with ref '${ref}'`);
    return { ...pool, raw: {} };
  }

  async getPoolHistory(ref: string): Promise<PoolHistoryEntry[]> {
    this.check();
    return this.history[ref] ?? [];
  }

  async listClusters(): Promise<ClusterSummary[]> {
    this.check();
    const byCluster = new Map<string, ClusterSummary>();
    for (const pool of this.pools) {
      const key = [pool.provider, pool.account, pool.region, pool.cluster].join('/');
      const summary = byCluster.get(key) ?? {
        ref: clusterRef(pool),
        provider: pool.provider,
        account: pool.account,
        region: pool.region,
        cluster: pool.cluster,
        poolCount: 0,
        nodeCount: 0,
      };
      summary.poolCount++;
      summary.nodeCount += pool.nodeCount ?? 0;
      byCluster.set(key, summary);
    }
    return [...byCluster.values()];
  }

  async listSources(): Promise<SourceStatusInfo[]> {
    this.check();
    return this.sources;
  }

  async syncSource(id: string): Promise<void> {
    this.check();
    if (!this.sources.some(source => source.id === id)) {
      throw new NotFoundError(`No source '${id}'`);
    }
    this.syncedSources.push(id);
  }

  async listWorkloadPools(query: WorkloadPoolsQuery): Promise<WorkloadPoolsResponse> {
    this.workloadQueries.push(query);
    this.check();
    const selector = workloadSelector(query);
    return {
      selector,
      ...(query.namespace ? { namespace: query.namespace } : {}),
      items: this.workloadPools.get(`${selector}|${query.namespace ?? ''}`) ?? [],
    };
  }

  async listTriageClusters(): Promise<TriageClusterSummary[]> {
    this.check();
    return (
      this.triage.clusters ??
      (this.triage.reports ?? []).map(({ report, ...summary }) => ({
        ...summary,
        pendingPods: report.pods.length,
      }))
    );
  }

  /** As the backend: the report of exactly this ref, else the one report it may mean. */
  async getClusterTriage(cluster: string): Promise<ClusterTriageResponse> {
    this.check();
    const reports = this.triage.reports ?? [];
    const exact = reports.find(r => r.clusterRef === cluster);
    if (exact) return exact;
    const wanted = parseClusterSelector(cluster);
    const agreeing = reports.filter(r => clustersAgree(r, wanted));
    if (agreeing.length > 1) {
      throw new InputError(
        `Invalid query parameter 'cluster': '${cluster}' may be any of ${agreeing.length} clusters: ${agreeing
          .map(r => r.clusterRef)
          .join(', ')}; pass one of these cluster refs`,
      );
    }
    if (!agreeing.length) throw new NotFoundError(`No triage for cluster '${cluster}'`);
    return agreeing[0];
  }

  async listTriagePools(): Promise<PoolTriageSummary[]> {
    this.triagePoolsRequests++;
    this.check();
    return (this.triage.reports ?? []).flatMap(r => r.report.pools);
  }

  async analyzeTriage(request: TriageAnalyzeRequest): Promise<TriageReport> {
    this.analyzeRequests.push(request);
    this.check();
    for (const field of ['pods', 'nodes'] as const) {
      if (!isKubectlList(request[field])) {
        throw new InputError(
          `Invalid field '${field}' in the request body: Required (the JSON of kubectl get ${field} -o json)`,
        );
      }
    }
    if (!this.triage.analyzed) throw new Error('The fake has no analysis to answer with');
    return {
      ...this.triage.analyzed,
      cluster: request.cluster ?? this.triage.analyzed.cluster,
    };
  }

  async validateRequest(body: ValidateRequestBody) {
    this.check();
    return this.requestWorkflow.validate(body);
  }

  async createRequest(body: CreateRequestBody) {
    this.check();
    return this.requestWorkflow.create(body);
  }

  async listRequests(query?: RequestListQuery) {
    this.check();
    return this.requestWorkflow.list(query);
  }

  async getRequest(id: string) {
    this.check();
    return this.requestWorkflow.get(id);
  }

  async updateRequest(id: string, body: UpdateRequestBody) {
    this.check();
    return this.requestWorkflow.update(id, body);
  }

  async transitionRequest(id: string, action: RequestReviewAction, body: TransitionBody) {
    this.check();
    return this.requestWorkflow.transition(id, action, body);
  }

  async renderRequest(id: string) {
    this.check();
    return this.requestWorkflow.render(id);
  }

  private findings(states: readonly DriftState[] = ['open', 'acknowledged']): DriftFindingRecord[] {
    return (this.drift.findings ?? []).filter(f => states.includes(f.state));
  }

  async listDrift(query: DriftQuery = {}): Promise<DriftPage> {
    this.check();
    const items = this.findings(query.state).filter(
      f =>
        (!query.cause?.length || query.cause.includes(f.cause)) &&
        (!query.severity?.length || query.severity.includes(f.severity)) &&
        (!query.owner?.length || query.owner.includes(f.owner ?? '(none)')) &&
        (!query.cluster?.length || query.cluster.some(c => c === f.clusterRef || c === f.cluster)),
    );
    return { items: items.slice(0, query.limit ?? DEFAULT_PAGE_SIZE), totalCount: items.length };
  }

  async getPoolDrift(ref: string, states?: DriftState[]): Promise<DriftFindingRecord[]> {
    this.check();
    if (!this.pools.some(p => p.ref === ref) && !this.findings(['open', 'acknowledged', 'resolved']).some(f => f.ref === ref)) {
      throw new NotFoundError(`No pool with ref '${ref}'`);
    }
    return this.findings(states).filter(f => f.ref === ref);
  }

  /** As the backend: a reason is required; the finding turns acknowledged by the signed-in user. */
  async acknowledgeDrift(id: string, request: DriftAcknowledgeRequest): Promise<DriftFindingRecord> {
    this.check();
    if (!request.reason?.trim()) {
      throw new InputError("Invalid field 'reason' in the request body: is required: say why this drift is accepted");
    }
    const finding = this.drift.findings?.find(f => f.id === id);
    if (!finding) throw new NotFoundError(`No drift finding with id '${id}'`);
    this.acknowledgements.push({ id, ...request });
    finding.state = 'acknowledged';
    finding.acknowledgement = { by: 'user:default/guest', at: '2026-11-27T12:00:00.000Z', reason: request.reason, ...(request.until ? { until: request.until } : {}) };
    return finding;
  }

  async getDriftSummary(): Promise<DriftSummary> {
    this.check();
    if (!this.drift.summary) throw new NotFoundError('The fake has no drift summary');
    return this.drift.summary;
  }

  async listPoolDriftCounts(): Promise<PoolDriftCount[]> {
    this.check();
    const counts = new Map<string, PoolDriftCount>();
    for (const f of this.findings()) {
      const count = counts.get(f.ref) ?? { ref: f.ref, open: 0, acknowledged: 0 };
      if (f.state === 'acknowledged') count.acknowledged++;
      else {
        count.open++;
        const worst = count.worstSeverity;
        if (!worst || DRIFT_SEVERITIES.indexOf(f.severity) < DRIFT_SEVERITIES.indexOf(worst)) count.worstSeverity = f.severity;
      }
      counts.set(f.ref, count);
    }
    return [...counts.values()];
  }

  async listDesiredScopes(): Promise<DesiredScopeStatus[]> {
    this.check();
    return this.drift.scopes ?? [];
  }
  /** Governance, each call failing like the others while `failure` is set. */
  private async governed<T>(call: (g: FakeGovernance) => T): Promise<T> { this.check(); return call(this.governance); }
  listFindings = (q?: FindingQuery) => this.governed(g => g.listFindings(q));
  getFindingsSummary = () => this.governed(g => g.getFindingsSummary());
  acknowledgeFinding = (id: string, body: AcknowledgeFindingBody) => this.governed(g => g.acknowledgeFinding(id, body));
  getCosts = (q?: CostQuery) => this.governed(g => g.getCosts(q));
  listGovernancePools = (q?: GovernancePoolQuery) => this.governed(g => g.listGovernancePools(q));
  getUpgradePlan = (q?: UpgradeQuery) => this.governed(g => g.getUpgradePlan(q));
  getOwnerReview = (owner: string) => this.governed(g => g.getOwnerReview(owner));
  confirmOwnerReview = (owner: string, body: ConfirmReviewBody) => this.governed(g => g.confirmOwnerReview(owner, body));
  exportUrl = async (kind: GovernanceExportKind, format: ExportFormat) => `http://127.0.0.1/api/nodepools/export/${kind}.${format}`;
  downloadExport = (kind: GovernanceExportKind, format: ExportFormat, q?: ExportQuery) => this.governed(g => g.downloadExport(kind, format, q));
}
