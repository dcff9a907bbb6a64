import { randomUUID } from 'node:crypto';
import type { AuditorService, BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  actionsFrom,
  DESIRED_STATES,
  initialState,
  renderRequest,
  transitionOf,
  type ActionRole,
  type MachineCatalog,
  type ParsedRequestListQuery,
  type PoolRequest,
  type PoolRequestDetail,
  type PoolRequestSpec,
  type RenderedRequest,
  type RequestAction,
  type RequestAuditEntry,
  type RequestListResponse,
  type ValidationResult,
} from '@nodepools/plugin-nodepools-common';
import type { RequestChanges, RequestFilter, RequestStore } from '../store/RequestStore';
import type { PoolStore } from '../store/PoolStore';
import { approverGroups } from './approvers';
import type { RequestsConfig } from './config';
import { PolicyViolationError, RequestConflictError } from './errors';
import type { RequestNotifier } from './notifier';
import type { RequestValidator } from './validation';

/** Who is calling, and what the permission policy lets them do. */
export interface Caller {
  credentials: BackstageCredentials;
  userRef: string;
  /** The user and the groups they belong to (ownership entity refs). */
  ownership: string[];
  canCreate: boolean;
  canApprove: boolean;
}

export type ReviewAction = 'submit' | 'approve' | 'reject' | 'cancel';

/**
 * The request workflow: drafts, edits, review and the audit of every
 * transition. Every change is made on the version the caller saw; a
 * change racing another one loses with a 409.
 */
export class RequestService {
  constructor(
    private readonly deps: {
      requests: RequestStore;
      pools: PoolStore;
      validator: RequestValidator;
      notifier: RequestNotifier;
      auditor?: AuditorService;
      machines: MachineCatalog;
      config: RequestsConfig;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  async validate(spec: PoolRequestSpec, caller: Caller, requestId?: string): Promise<ValidationResult> {
    return (await this.deps.validator.prepare(spec, caller.credentials, requestId, true)).result;
  }

  async create(spec: PoolRequestSpec, caller: Caller, options: { submit?: boolean; comment?: string }): Promise<PoolRequestDetail> {
    if (!caller.canCreate) throw new NotAllowedError('You are not allowed to request node pools (nodepool.request.create)');
    const id = randomUUID();
    const prepared = await this.deps.validator.prepare(spec, caller.credentials);
    if (options.submit && !prepared.result.valid) throw new PolicyViolationError(prepared.result.violations);
    const at = this.now();
    const state = initialState(!!options.submit);
    const request: PoolRequest = {
      id,
      kind: spec.kind,
      spec: prepared.spec,
      state,
      requester: caller.userRef,
      version: 1,
      createdAt: at,
      updatedAt: at,
      ...(options.submit ? { submittedAt: at } : {}),
    };
    const groups = prepared.cluster ? approverGroups(prepared.cluster, this.deps.config.approvers, prepared.clusterPools) : [];
    await this.deps.requests.create(request, this.entry(request, 'create', caller.userRef, undefined, options.comment), groups);
    await this.audit(request, 'create', caller.userRef, undefined);
    if (options.submit) await this.deps.notifier.submitted(request, groups);
    return this.detail(request, caller);
  }

  async update(id: string, spec: PoolRequestSpec, version: number, caller: Caller, comment?: string): Promise<PoolRequestDetail> {
    const request = await this.load(id);
    await this.authorize(request, 'edit', caller);
    this.checkVersion(request, version);
    const prepared = await this.deps.validator.prepare(spec, caller.credentials, id);
    const changes: RequestChanges = { spec: prepared.spec, updatedAt: this.now() };
    const updated = await this.apply(request, version, 'edit', changes, caller.userRef, comment);
    return this.detail(updated, caller);
  }

  async review(id: string, action: ReviewAction, version: number, caller: Caller, comment?: string): Promise<PoolRequestDetail> {
    const request = await this.load(id);
    const transition = await this.authorize(request, action, caller);
    this.checkVersion(request, version);
    const at = this.now();
    const changes: RequestChanges = { state: transition.to, updatedAt: at };
    let groups: string[] | undefined;
    if (action === 'submit' || action === 'approve') {
      const prepared = await this.deps.validator.prepare(request.spec, caller.credentials, id);
      if (!prepared.result.valid) throw new PolicyViolationError(prepared.result.violations);
      if (action === 'submit') {
        changes.spec = prepared.spec;
        changes.submittedAt = at;
        groups = prepared.cluster ? approverGroups(prepared.cluster, this.deps.config.approvers, prepared.clusterPools) : [];
      }
    }
    if (action === 'approve' || action === 'reject') {
      changes.approver = caller.userRef;
      changes.decidedAt = at;
    }
    const updated = await this.apply(request, version, action, changes, caller.userRef, comment, groups);
    if (action === 'submit') await this.deps.notifier.submitted(updated, groups ?? []);
    if (action === 'approve' || action === 'reject') await this.deps.notifier.decided(updated, comment);
    return this.detail(updated, caller);
  }

  /** A transition made by the inventory (actor `system`); undefined when another change came first. */
  async applySystem(request: PoolRequest, action: RequestAction, changes: Omit<RequestChanges, 'state' | 'updatedAt'>, comment?: string): Promise<PoolRequest | undefined> {
    const transition = transitionOf(request.state, action);
    if (!transition) return undefined;
    const full: RequestChanges = { ...changes, state: transition.to, updatedAt: this.now() };
    try {
      const updated = await this.apply(request, request.version, action, full, 'system', comment);
      await this.deps.notifier.provisioned(updated);
      return updated;
    } catch (error) {
      if (error instanceof RequestConflictError) return undefined;
      throw error;
    }
  }

  async get(id: string, caller: Caller): Promise<PoolRequestDetail> {
    return this.detail(await this.load(id), caller);
  }

  async render(id: string): Promise<RenderedRequest> {
    const request = await this.load(id);
    if (!DESIRED_STATES.includes(request.state)) {
      throw new RequestConflictError(`Request ${id} is ${request.state}: only approved requests are rendered`, request.version);
    }
    return renderRequest(request.spec, { catalog: this.deps.machines });
  }

  async list(query: ParsedRequestListQuery, caller: Caller): Promise<RequestListResponse> {
    const filter: RequestFilter = {
      ...(query.state ? { states: query.state } : {}),
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.cluster ? { clusterRef: query.cluster } : {}),
      ...(query.owner ? { owner: query.owner } : {}),
      limit: query.limit,
      offset: query.offset,
    };
    if (query.view === 'mine') filter.requester = caller.userRef;
    if (query.view === 'to-approve') {
      if (!caller.canApprove) return { items: [], totalCount: 0 };
      filter.approvableBy = { user: caller.userRef, groups: caller.ownership };
    }
    const { items, totalCount } = await this.deps.requests.list(filter);
    const next = query.offset + items.length;
    return { items, totalCount, ...(next < totalCount ? { nextOffset: next } : {}) };
  }

  private async load(id: string): Promise<PoolRequest> {
    const request = await this.deps.requests.get(id);
    if (!request) throw new NotFoundError(`No pool request with id '${id}'`);
    return request;
  }

  private checkVersion(request: PoolRequest, version: number): void {
    if (version !== request.version) {
      throw new RequestConflictError(`Request ${request.id} changed: it is at version ${request.version}, not ${version}; reload it and try again`, request.version);
    }
  }

  private async rolesOf(request: PoolRequest, caller: Caller): Promise<ActionRole[]> {
    const roles: ActionRole[] = [];
    if (caller.userRef === request.requester && caller.canCreate) roles.push('requester');
    if (caller.canApprove && caller.userRef !== request.requester) {
      const groups = await this.deps.requests.getApproverGroups(request.id);
      if (!groups.length || groups.some(g => caller.ownership.includes(g))) roles.push('approver');
    }
    return roles;
  }

  /** The transition the caller may make, or the 403/409 that says why not. */
  private async authorize(request: PoolRequest, action: RequestAction, caller: Caller) {
    const transition = transitionOf(request.state, action);
    if (!transition) {
      throw new RequestConflictError(`Request ${request.id} is ${request.state}: it cannot take the action '${action}'`, request.version);
    }
    const approving = !transition.roles.includes('requester');
    if (approving && !caller.canApprove) throw new NotAllowedError('You are not allowed to approve or reject pool requests (nodepool.request.approve)');
    if (approving && caller.userRef === request.requester) throw new NotAllowedError('You cannot approve or reject your own request');
    const roles = await this.rolesOf(request, caller);
    if (!transition.roles.some(r => roles.includes(r))) {
      if (approving) throw new NotAllowedError(`You are not in a group that approves requests for ${request.spec.cluster}`);
      if (caller.userRef === request.requester) throw new NotAllowedError('You are not allowed to change pool requests (nodepool.request.create)');
      const who = transition.roles.includes('approver') ? 'the requester or an approver' : 'the requester';
      throw new NotAllowedError(`Only ${who} can ${action} this request`);
    }
    return transition;
  }

  private async apply(request: PoolRequest, version: number, action: RequestAction, changes: RequestChanges, actor: string, comment?: string, groups?: string[]): Promise<PoolRequest> {
    const after = { ...request, ...changes } as PoolRequest;
    const updated = await this.deps.requests.update(request.id, version, changes, this.entry(after, action, actor, request.state, comment), groups);
    if (!updated) {
      const current = await this.deps.requests.get(request.id);
      throw new RequestConflictError(`Request ${request.id} was changed by someone else while this change was made; reload it and try again`, current?.version);
    }
    await this.audit(updated, action, actor, request.state);
    return updated;
  }

  private entry(request: PoolRequest, action: RequestAction, actor: string, from?: PoolRequest['state'], comment?: string): RequestAuditEntry {
    return {
      requestId: request.id,
      at: request.updatedAt,
      actor,
      action,
      ...(from ? { from } : {}),
      to: request.state,
      ...(comment ? { comment } : {}),
      spec: request.spec,
    };
  }

  private async audit(request: PoolRequest, action: RequestAction, actor: string, from?: string): Promise<void> {
    if (!this.deps.auditor) return;
    const event = await this.deps.auditor.createEvent({
      eventId: 'pool-request',
      severityLevel: action === 'approve' || action === 'reject' ? 'high' : 'medium',
      meta: { actionType: action, requestId: request.id, actor, from: from ?? null, to: request.state, cluster: request.spec.cluster, pool: request.spec.name, owner: request.spec.owner },
    });
    await event.success();
  }

  private async detail(request: PoolRequest, caller: Caller): Promise<PoolRequestDetail> {
    const [audit, approvers, roles] = await Promise.all([
      this.deps.requests.getAudit(request.id),
      this.deps.requests.getApproverGroups(request.id),
      this.rolesOf(request, caller),
    ]);
    const detail: PoolRequestDetail = { ...request, audit, approvers, allowed: actionsFrom(request.state, roles) };
    if (DESIRED_STATES.includes(request.state)) detail.rendered = renderRequest(request.spec, { catalog: this.deps.machines });
    return detail;
  }
}
