import type { ClusterIdentity } from './cluster';
import type { NodePoolDetail } from './pool';
import type { PoolListItem } from './listItem';
import type { PoolHistoryEntry } from './history';
import type { SourceStatusInfo } from './sources';
import type { PoolRestriction } from '../permissions/poolConditions';
import type {
  PoolTriageSummary,
  TriageInput,
  TriageReport,
} from '../triage/types';

/** Fields `GET /pools` can sort by. */
export const POOL_SORT_FIELDS = [
  'name',
  'cluster',
  'provider',
  'region',
  'owner',
  'nodeCount',
  'lastSeenAt',
] as const;
export type PoolSortField = (typeof POOL_SORT_FIELDS)[number];

/** Query of `GET /pools`; every filter also lives in the frontend's URL. */
export interface PoolQuery {
  provider?: string[];
  cluster?: string[];
  region?: string[];
  owner?: string[];
  mode?: string[];
  capacityType?: string[];
  /** Free text over name, cluster, region, owner, machine types, labels. */
  q?: string;
  sort?: PoolSortField;
  order?: 'asc' | 'desc';
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
  includeTombstoned?: boolean;
  /**
   * The pools the caller may see, from a conditional permission decision;
   * ANDed with the filters above. Set by the backend, never by a request.
   */
  restrict?: PoolRestriction;
}

/** One page of `GET /pools`: list items, not whole pools (see `PoolListItem`). */
export interface PoolPage {
  items: PoolListItem[];
  totalCount: number;
  nextCursor?: string;
}

/** The live pools of one provider in one cluster, for `GET /clusters`. */
export interface ClusterSummary {
  /** The cluster ref (`provider/account/region/cluster`) of these pools. */
  ref: string;
  provider: string;
  account?: string;
  region?: string;
  cluster: string;
  poolCount: number;
  nodeCount: number;
}

export interface ListResponse<T> {
  items: T[];
}

export type PoolDetailResponse = NodePoolDetail;
export type PoolHistoryResponse = ListResponse<PoolHistoryEntry>;
export type ClustersResponse = ListResponse<ClusterSummary>;
export type SourcesResponse = ListResponse<SourceStatusInfo>;

/** Distinct values for the filter pickers. */
export interface PoolFacets {
  provider: string[];
  cluster: string[];
  region: string[];
  owner: string[];
  mode: string[];
  capacityType: string[];
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * The latest triage of one cluster's pending pods, as `GET /triage?cluster=`
 * returns it. The identity is the one its collection is configured with:
 * parts it does not say are absent.
 */
export interface ClusterTriageResponse extends ClusterIdentity {
  /** The cluster ref the triage is stored under; `GET /triage?cluster=` takes it. */
  clusterRef: string;
  /** When the pods, nodes and events were read. */
  collectedAt: string;
  /** Where they were read from: a source id (`kubernetes`, `triage-files`). */
  source: string;
  report: TriageReport;
}

/** One cluster with a triage, for `GET /triage/clusters`. */
export interface TriageClusterSummary extends ClusterIdentity {
  clusterRef: string;
  collectedAt?: string;
  source: string;
  pendingPods: number;
  /** Why the last collection failed; the previous report, if any, is kept. */
  error?: string;
}

export type TriageClustersResponse = ListResponse<TriageClusterSummary>;

/** Per pool, across clusters: pending pods that fit now and after a scale-up. */
export type TriagePoolsResponse = ListResponse<PoolTriageSummary>;

/**
 * `POST /triage/analyze`: kubectl JSON (`get pods -A -o json`, `get nodes -o
 * json`, optionally events, PVs, PVCs, namespaces). Without `pools`, the
 * inventory's pools of `cluster` are used: a cluster ref, or a bare name
 * when only one cluster of the inventory has it.
 */
export type TriageAnalyzeRequest = TriageInput;
