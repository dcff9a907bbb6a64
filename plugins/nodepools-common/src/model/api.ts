import type { NodePool, NodePoolDetail } from './pool';
import type { PoolHistoryEntry } from './history';
import type { SourceStatusInfo } from './sources';

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
}

export interface PoolPage {
  items: NodePool[];
  totalCount: number;
  nextCursor?: string;
}

export interface ClusterSummary {
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
