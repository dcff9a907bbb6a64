import type { Knex } from 'knex';
import {
  OPEN_STATES,
  type PoolForCost,
  type PoolRequest,
  type RequestAction,
  type RequestAuditEntry,
  type RequestKind,
  type RequestState,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterPoolRow, RequestChanges, RequestFilter, RequestStore } from './RequestStore';

const REQUESTS = 'nodepools_requests';
const AUDIT = 'nodepools_request_audit';
const APPROVERS = 'nodepools_request_approvers';

interface RequestRow {
  id: string;
  kind: RequestKind;
  cluster_ref: string;
  name: string;
  owner: string;
  state: RequestState;
  requester: string;
  approver: string | null;
  version: number | string;
  spec: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  provisioned_at: string | null;
  pool_ref: string | null;
  state_reason: string | null;
}

interface AuditRow {
  request_id: string;
  at: string;
  actor: string;
  action: RequestAction;
  from_state: RequestState | null;
  to_state: RequestState;
  comment: string | null;
  spec: string;
}

function toRow(request: PoolRequest): RequestRow {
  return {
    id: request.id,
    kind: request.kind,
    cluster_ref: request.spec.cluster,
    name: request.spec.name,
    owner: request.spec.owner,
    state: request.state,
    requester: request.requester,
    approver: request.approver ?? null,
    version: request.version,
    spec: JSON.stringify(request.spec),
    created_at: request.createdAt,
    updated_at: request.updatedAt,
    submitted_at: request.submittedAt ?? null,
    decided_at: request.decidedAt ?? null,
    provisioned_at: request.provisionedAt ?? null,
    pool_ref: request.poolRef ?? null,
    state_reason: request.stateReason ?? null,
  };
}

function fromRow(row: RequestRow): PoolRequest {
  const optional = {
    approver: row.approver,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    provisionedAt: row.provisioned_at,
    poolRef: row.pool_ref,
    stateReason: row.state_reason,
  };
  return {
    id: row.id,
    kind: row.kind,
    spec: JSON.parse(row.spec),
    state: row.state,
    requester: row.requester,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null)),
  };
}

function auditRow(entry: RequestAuditEntry): AuditRow {
  return {
    request_id: entry.requestId,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    from_state: entry.from ?? null,
    to_state: entry.to,
    comment: entry.comment ?? null,
    spec: JSON.stringify(entry.spec),
  };
}

function changeColumns(changes: RequestChanges): Partial<RequestRow> {
  const columns: Partial<RequestRow> = { updated_at: changes.updatedAt };
  if (changes.spec) {
    columns.spec = JSON.stringify(changes.spec);
    columns.cluster_ref = changes.spec.cluster;
    columns.name = changes.spec.name;
    columns.owner = changes.spec.owner;
  }
  if (changes.state) columns.state = changes.state;
  if (changes.approver !== undefined) columns.approver = changes.approver;
  if (changes.submittedAt !== undefined) columns.submitted_at = changes.submittedAt;
  if (changes.decidedAt !== undefined) columns.decided_at = changes.decidedAt;
  if (changes.provisionedAt !== undefined) columns.provisioned_at = changes.provisionedAt;
  if (changes.poolRef !== undefined) columns.pool_ref = changes.poolRef;
  if (changes.stateReason !== undefined) columns.state_reason = changes.stateReason || null;
  return columns;
}

/** The requests in `nodepools_requests` and their trail; built by `createStores`. */
export class DatabaseRequestStore implements RequestStore {
  constructor(private readonly db: Knex) {}

  async create(request: PoolRequest, audit: RequestAuditEntry, approverGroups: string[] = []): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(REQUESTS).insert(toRow(request));
      await tx(AUDIT).insert(auditRow(audit));
      if (approverGroups.length) {
        await tx(APPROVERS).insert(approverGroups.map(group_ref => ({ request_id: request.id, group_ref })));
      }
    });
  }

  async get(id: string): Promise<PoolRequest | undefined> {
    const row = await this.db<RequestRow>(REQUESTS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async getAudit(id: string): Promise<RequestAuditEntry[]> {
    const rows = await this.db<AuditRow>(AUDIT).where({ request_id: id }).orderBy('id', 'asc');
    return rows.map(row => ({
      requestId: row.request_id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      ...(row.from_state ? { from: row.from_state } : {}),
      to: row.to_state,
      ...(row.comment !== null ? { comment: row.comment } : {}),
      spec: JSON.parse(row.spec),
    }));
  }

  async getApproverGroups(id: string): Promise<string[]> {
    const rows = await this.db(APPROVERS).where({ request_id: id }).orderBy('group_ref').select('group_ref');
    return rows.map(r => r.group_ref);
  }

  async list(filter: RequestFilter): Promise<{ items: PoolRequest[]; totalCount: number }> {
    const query = this.db<RequestRow>(REQUESTS);
    if (filter.states?.length) query.whereIn('state', filter.states);
    if (filter.kinds?.length) query.whereIn('kind', filter.kinds);
    if (filter.clusterRef) query.where('cluster_ref', filter.clusterRef);
    if (filter.owner) query.where('owner', filter.owner);
    if (filter.requester) query.where('requester', filter.requester);
    if (filter.approvableBy) {
      const { user, groups } = filter.approvableBy;
      query.where('state', 'submitted').whereNot('requester', user);
      query.where(inner =>
        inner
          .whereIn('id', this.db(APPROVERS).whereIn('group_ref', groups.length ? groups : ['']).select('request_id'))
          .orWhereNotExists(this.db(APPROVERS).whereRaw('??.request_id = ??.id', [APPROVERS, REQUESTS]).select(this.db.raw('1'))),
      );
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'asc' }]).limit(filter.limit).offset(filter.offset);
    return { items: rows.map(fromRow), totalCount: Number(count) };
  }

  async update(
    id: string,
    expectedVersion: number,
    changes: RequestChanges,
    audit: RequestAuditEntry,
    approverGroups?: string[],
  ): Promise<PoolRequest | undefined> {
    return this.db.transaction(async tx => {
      const updated = await tx(REQUESTS)
        .where({ id, version: expectedVersion })
        .update({ ...changeColumns(changes), version: expectedVersion + 1 });
      if (updated !== 1) return undefined;
      await tx(AUDIT).insert(auditRow(audit));
      if (approverGroups) {
        await tx(APPROVERS).where({ request_id: id }).delete();
        if (approverGroups.length) {
          await tx(APPROVERS).insert(approverGroups.map(group_ref => ({ request_id: id, group_ref })));
        }
      }
      const row = await tx<RequestRow>(REQUESTS).where({ id }).first();
      return row ? fromRow(row) : undefined;
    });
  }

  async openNames(clusterRef: string, excludeId?: string): Promise<Map<string, string>> {
    const query = this.db<RequestRow>(REQUESTS).where({ cluster_ref: clusterRef }).whereIn('state', OPEN_STATES as RequestState[]);
    if (excludeId) query.whereNot('id', excludeId);
    const rows = await query.select('name', 'id');
    return new Map(rows.map(r => [r.name, r.id]));
  }

  async listInStates(states: readonly RequestState[]): Promise<PoolRequest[]> {
    const rows = await this.db<RequestRow>(REQUESTS).whereIn('state', states as RequestState[]).orderBy('created_at');
    return rows.map(fromRow);
  }

  async poolsOfClusterName(cluster: string): Promise<ClusterPoolRow[]> {
    const rows = await this.db('nodepools_pools')
      .where({ cluster })
      .whereNull('tombstoned_at')
      .select('ref', 'provider', 'account', 'region', 'cluster', 'name', 'owner');
    return rows.map(row => ({
      ref: row.ref,
      provider: row.provider,
      ...(row.account ? { account: row.account } : {}),
      ...(row.region ? { region: row.region } : {}),
      cluster: row.cluster,
      name: row.name,
      ...(row.owner ? { owner: row.owner } : {}),
    }));
  }

  async ownerPools(owner: string): Promise<PoolForCost[]> {
    const rows: Array<{ ref: string; spec: string }> = await this.db('nodepools_pools as p')
      .join('nodepools_pool_documents as d', 'd.ref', 'p.ref')
      .where('p.owner', owner)
      .whereNull('p.tombstoned_at')
      .select('p.ref', 'd.spec');
    return rows.map(row => ({ ...JSON.parse(row.spec), ref: row.ref }));
  }
}
