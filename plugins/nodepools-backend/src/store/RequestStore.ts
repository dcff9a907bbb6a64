import type {
  PoolForCost,
  Provider,
  PoolRequest,
  RequestAuditEntry,
  RequestKind,
  RequestState,
} from '@nodepools/plugin-nodepools-common';

/** What the workflow reads of a pool of the inventory: enough to resolve clusters, check names and find owners. */
export interface ClusterPoolRow {
  ref: string;
  provider: Provider;
  account?: string;
  region?: string;
  cluster: string;
  name: string;
  owner?: string;
}

/** Which requests a listing returns; the route turns `view` into these. */
export interface RequestFilter {
  states?: RequestState[];
  kinds?: RequestKind[];
  clusterRef?: string;
  owner?: string;
  requester?: string;
  /** Requests this user may approve: submitted, not their own, and approvable by one of these groups or by anyone. */
  approvableBy?: { user: string; groups: string[] };
  limit: number;
  offset: number;
}

/** The fields a transition or an edit changes; the version is bumped by the store. */
export type RequestChanges = Partial<
  Pick<
    PoolRequest,
    'spec' | 'state' | 'approver' | 'submittedAt' | 'decidedAt' | 'provisionedAt' | 'poolRef' | 'stateReason'
  >
> & { updatedAt: string };

/**
 * Where requests, their audit trail and their approver groups live. Every
 * change is one transaction with its audit row, and takes effect only on
 * the version it was made on.
 */
export interface RequestStore {
  create(request: PoolRequest, audit: RequestAuditEntry, approverGroups?: string[]): Promise<void>;
  get(id: string): Promise<PoolRequest | undefined>;
  getAudit(id: string): Promise<RequestAuditEntry[]>;
  getApproverGroups(id: string): Promise<string[]>;
  list(filter: RequestFilter): Promise<{ items: PoolRequest[]; totalCount: number }>;
  /**
   * Applies `changes` if the request is still at `expectedVersion`, with the
   * audit row (and, when given, the new approver groups). Returns the
   * request as stored after the change, or undefined when its version
   * has moved on (another change won) or it does not exist.
   */
  update(
    id: string,
    expectedVersion: number,
    changes: RequestChanges,
    audit: RequestAuditEntry,
    approverGroups?: string[],
  ): Promise<PoolRequest | undefined>;
  /** Names claimed by open requests in a cluster, with the claiming request's id. */
  openNames(clusterRef: string, excludeId?: string): Promise<Map<string, string>>;
  /** Every request in these states (the provisioning detection and desired state read them). */
  listInStates(states: readonly RequestState[]): Promise<PoolRequest[]>;
  /** Identity, name and owner of every live pool whose cluster has this name, whatever its provider, account and region. */
  poolsOfClusterName(cluster: string): Promise<ClusterPoolRow[]>;
  /** The live pools of the inventory owned by this owner, as the price model reads them (quota checks). */
  ownerPools(owner: string): Promise<PoolForCost[]>;
}
