import { ResponseError } from '@backstage/errors';
import {
  actionsFrom,
  DESIRED_STATES,
  initialState,
  parsePoolRequestSpec,
  renderRequest,
  RequestBodyError,
  transitionOf,
  type ActionRole,
  type CreateRequestBody,
  type PoolRequestDetail,
  type PoolRequestSpec,
  type RenderedRequest,
  type RequestAction,
  type RequestErrorResponse,
  type RequestListQuery,
  type RequestListResponse,
  type TransitionBody,
  type UpdateRequestBody,
  type ValidateRequestBody,
  type ValidationResult,
  type Violation,
} from '@nodepools/plugin-nodepools-common';
import type { RequestReviewAction } from '../api';

/** What the fake answers to a validation when a test gives no rules: valid, priced at $100 a node. */
export function defaultValidation(spec: PoolRequestSpec): ValidationResult {
  const min = spec.autoscaling?.min ?? spec.nodeCount ?? 0;
  const max = spec.autoscaling?.max ?? spec.nodeCount ?? 0;
  return {
    valid: true,
    violations: [],
    cost: {
      known: true,
      nodeMonthly: 100,
      min: { nodes: min, hourly: (min * 100) / 730, monthly: min * 100 },
      max: { nodes: max, hourly: (max * 100) / 730, monthly: max * 100 },
      ownerCurrentMonthly: 1000,
      ownerAfterMonthly: 1000 + max * 100,
      notes: [],
    },
  };
}

/** A `ResponseError` as the client throws it for the backend's error answer. */
export async function responseError(
  statusCode: number,
  name: string,
  message: string,
  extra: Partial<RequestErrorResponse> = {},
): Promise<ResponseError> {
  const body: RequestErrorResponse = { error: { name, message }, response: { statusCode }, ...extra };
  return ResponseError.fromResponse({
    status: statusCode,
    statusText: name,
    ok: false,
    redirected: false,
    type: 'basic',
    url: 'http://localhost/api/nodepools/requests',
    headers: { get: () => 'application/json' } as unknown as Headers,
    text: async () => JSON.stringify(body),
  });
}

async function parseSpec(spec: unknown): Promise<PoolRequestSpec> {
  try {
    return parsePoolRequestSpec(spec);
  } catch (error) {
    if (error instanceof RequestBodyError) {
      throw await responseError(400, 'InputError', error.message, { field: error.field });
    }
    throw error;
  }
}

/**
 * The request workflow in memory, with the backend's rules: the transition
 * table, versions (a stale one is a 409 with `currentVersion`), no approval
 * of one's own request (403), policy errors blocking submit and approve
 * (422). The signed-in user and whether they approve are set by the test.
 */
export class FakeRequestWorkflow {
  readonly requests = new Map<string, PoolRequestDetail>();
  readonly validations: ValidateRequestBody[] = [];
  readonly listQueries: RequestListQuery[] = [];
  readonly transitions: Array<{ id: string; action: RequestReviewAction; body: TransitionBody }> = [];
  user = 'user:default/alice';
  /** Whether the user is an approver of every cluster. */
  approver = false;
  validator: (spec: PoolRequestSpec) => ValidationResult = defaultValidation;
  private clock = Date.parse('2026-11-20T10:00:00.000Z');
  private nextId = 1;

  private now(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  private rolesOf(request: PoolRequestDetail): ActionRole[] {
    const roles: ActionRole[] = [];
    if (request.requester === this.user) roles.push('requester');
    if (this.approver && request.requester !== this.user) roles.push('approver');
    return roles;
  }

  private view(request: PoolRequestDetail): PoolRequestDetail {
    const allowed = actionsFrom(request.state, this.rolesOf(request)).filter(a => a !== 'create');
    return {
      ...request,
      allowed,
      ...(DESIRED_STATES.includes(request.state) ? { rendered: renderRequest(request.spec) } : {}),
    };
  }

  private async find(id: string): Promise<PoolRequestDetail> {
    const request = this.requests.get(id);
    if (!request) throw await responseError(404, 'NotFoundError', `No request '${id}'`);
    return request;
  }

  private async checkPolicies(spec: PoolRequestSpec) {
    const errors = this.validator(spec).violations.filter((v: Violation) => v.severity === 'error');
    if (errors.length) {
      throw await responseError(422, 'PolicyViolationError', `The request breaks ${errors.length} policies`, {
        violations: errors,
      });
    }
  }

  /** Stores a request as if created earlier; returns it. */
  seed(spec: PoolRequestSpec, options: { requester?: string; state?: PoolRequestDetail['state']; id?: string } = {}) {
    const at = this.now();
    const id = options.id ?? `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    const state = options.state ?? 'submitted';
    const requester = options.requester ?? this.user;
    const request: PoolRequestDetail = {
      id,
      kind: spec.kind,
      spec,
      state,
      requester,
      version: 1,
      createdAt: at,
      updatedAt: at,
      ...(state !== 'draft' ? { submittedAt: at } : {}),
      audit: [{ requestId: id, at, actor: requester, action: 'create', to: state, spec }],
      approvers: ['group:default/platform'],
      allowed: [],
    };
    this.requests.set(id, request);
    return request;
  }

  /** Another user takes an action meanwhile: the version moves on. */
  decideElsewhere(id: string, action: RequestAction, actor: string) {
    const request = this.requests.get(id)!;
    const transition = transitionOf(request.state, action)!;
    this.apply(request, transition.to, action, actor);
  }

  private apply(request: PoolRequestDetail, to: PoolRequestDetail['state'], action: RequestAction, actor: string, comment?: string) {
    const at = this.now();
    request.audit.push({ requestId: request.id, at, actor, action, from: request.state, to, ...(comment ? { comment } : {}), spec: request.spec });
    request.state = to;
    request.version += 1;
    request.updatedAt = at;
    if (to === 'submitted') request.submittedAt = at;
    if (action === 'approve' || action === 'reject') {
      request.decidedAt = at;
      request.approver = actor;
    }
  }

  async validate(body: ValidateRequestBody): Promise<ValidationResult> {
    this.validations.push(body);
    return this.validator(await parseSpec(body.spec));
  }

  async create(body: CreateRequestBody): Promise<PoolRequestDetail> {
    const spec = await parseSpec(body.spec);
    if (body.submit) await this.checkPolicies(spec);
    const request = this.seed(spec, { state: initialState(Boolean(body.submit)) });
    return this.view(request);
  }

  async list(query: RequestListQuery = {}): Promise<RequestListResponse> {
    this.listQueries.push(query);
    const states = query.state?.split(',');
    const found = [...this.requests.values()]
      .filter(r => {
        if (query.view === 'mine') return r.requester === this.user;
        if (query.view === 'to-approve') return this.approver && r.requester !== this.user && r.state === 'submitted';
        return true;
      })
      .filter(r => !states || states.includes(r.state))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit ?? 50);
    const items = found.slice(offset, offset + limit).map(({ audit, approvers, allowed, rendered, ...r }) => r);
    return { items, totalCount: found.length, ...(offset + limit < found.length ? { nextOffset: offset + limit } : {}) };
  }

  async get(id: string): Promise<PoolRequestDetail> {
    return this.view(await this.find(id));
  }

  async update(id: string, body: UpdateRequestBody): Promise<PoolRequestDetail> {
    const request = await this.find(id);
    const spec = await parseSpec(body.spec);
    if (body.version !== request.version) {
      throw await responseError(409, 'ConflictError', `Request ${id} changed meanwhile`, { currentVersion: request.version });
    }
    request.spec = spec;
    this.apply(request, request.state, 'edit', this.user, body.comment);
    return this.view(request);
  }

  async transition(id: string, action: RequestReviewAction, body: TransitionBody): Promise<PoolRequestDetail> {
    this.transitions.push({ id, action, body });
    const request = await this.find(id);
    if (body.version !== request.version) {
      throw await responseError(
        409,
        'ConflictError',
        `Request ${id} changed meanwhile: it is at version ${request.version}, the change was made on ${body.version}`,
        { currentVersion: request.version },
      );
    }
    const transition = transitionOf(request.state, action);
    if (!transition) {
      throw await responseError(409, 'ConflictError', `A ${request.state} request cannot be ${action}d`);
    }
    if (action === 'approve' && request.requester === this.user) {
      throw await responseError(403, 'NotAllowedError', 'Nobody approves their own request');
    }
    if (!transition.roles.some(role => this.rolesOf(request).includes(role))) {
      throw await responseError(403, 'NotAllowedError', `You may not ${action} this request`);
    }
    if (action === 'submit' || action === 'approve') await this.checkPolicies(request.spec);
    this.apply(request, transition.to, action, this.user, body.comment);
    return this.view(request);
  }

  async render(id: string): Promise<RenderedRequest> {
    const request = await this.find(id);
    if (!DESIRED_STATES.includes(request.state)) {
      throw await responseError(409, 'ConflictError', `A ${request.state} request has nothing rendered`);
    }
    return renderRequest(request.spec);
  }
}
