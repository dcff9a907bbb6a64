import express, { type ErrorRequestHandler, type Request } from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createRequestBodySchema,
  nodepoolRequestApprovePermission,
  nodepoolRequestCreatePermission,
  parseWith,
  RequestBodyError,
  requestListQuerySchema,
  transitionBodySchema,
  updateRequestBodySchema,
  validateRequestBodySchema,
  type PoolRequestSpec,
  type RequestErrorResponse,
} from '@nodepools/plugin-nodepools-common';
import { PolicyViolationError, RequestConflictError } from '../requests/errors';
import type { Caller, RequestService, ReviewAction } from '../requests/RequestService';

export interface RequestRoutesOptions {
  service: RequestService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
}

const REVIEW_ACTIONS: readonly ReviewAction[] = ['submit', 'approve', 'reject', 'cancel'];

/** Answers the workflow's own errors with where the problem is; others go on to Backstage's handler. */
const requestErrors: ErrorRequestHandler = (error, req, res, next) => {
  const send = (statusCode: number, extra: Partial<RequestErrorResponse>, name = error.name, message = error.message) => {
    const body: RequestErrorResponse = { error: { name, message }, request: { method: req.method, url: req.originalUrl }, response: { statusCode }, ...extra };
    res.status(statusCode).json(body);
  };
  if (error instanceof RequestBodyError) return send(400, { field: error.field });
  if (error instanceof PolicyViolationError) return send(422, { violations: error.violations });
  if (error instanceof RequestConflictError) return send(409, error.currentVersion !== undefined ? { currentVersion: error.currentVersion } : {});
  if (error?.type === 'entity.parse.failed') return send(400, { field: 'body' }, 'InputError', `Invalid field 'body': not JSON (${error.message})`);
  if (error?.type === 'entity.too.large') return send(413, { field: 'body' }, 'PayloadTooLargeError', "Invalid field 'body': larger than 256 kB");
  return next(error);
};

/**
 * `/requests`: the pool request workflow. Reads are open to signed-in
 * users and backends; changes need a user, and `nodepool.request.create`
 * or `nodepool.request.approve` as the action requires.
 */
export function createRequestRouter(options: RequestRoutesOptions): express.Router {
  const { service, httpAuth, userInfo, permissions } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  async function callerOf(req: Request, allowService = false): Promise<Caller> {
    const credentials = await httpAuth.credentials(req, { allow: allowService ? ['user', 'service'] : ['user'] });
    const [create, approve] = await permissions.authorize(
      [{ permission: nodepoolRequestCreatePermission }, { permission: nodepoolRequestApprovePermission }],
      { credentials },
    );
    const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
    const info = principal.type === 'user' ? await userInfo.getUserInfo(credentials) : undefined;
    return {
      credentials,
      userRef: info?.userEntityRef ?? `service:${principal.subject ?? 'unknown'}`,
      ownership: info?.ownershipEntityRefs ?? [],
      canCreate: principal.type === 'user' && create.result === AuthorizeResult.ALLOW,
      canApprove: principal.type === 'user' && approve.result === AuthorizeResult.ALLOW,
    };
  }

  router.post('/validate', async (req, res) => {
    const body = parseWith(validateRequestBodySchema, req.body);
    const caller = await callerOf(req, true);
    res.json(await service.validate(body.spec as PoolRequestSpec, caller, body.requestId));
  });

  router.get('/', async (req, res) => {
    const query = parseWith(requestListQuerySchema, req.query, 'query');
    res.json(await service.list(query, await callerOf(req, true)));
  });

  router.post('/', async (req, res) => {
    const body = parseWith(createRequestBodySchema, req.body);
    const detail = await service.create(body.spec as PoolRequestSpec, await callerOf(req), { submit: body.submit, comment: body.comment });
    res.status(201).json(detail);
  });

  router.get('/:id', async (req, res) => {
    res.json(await service.get(req.params.id, await callerOf(req, true)));
  });

  router.get('/:id/render', async (req, res) => {
    await callerOf(req, true);
    res.json(await service.render(req.params.id));
  });

  router.patch('/:id', async (req, res) => {
    const body = parseWith(updateRequestBodySchema, req.body);
    res.json(await service.update(req.params.id, body.spec as PoolRequestSpec, body.version, await callerOf(req), body.comment));
  });

  for (const action of REVIEW_ACTIONS) {
    router.post(`/:id/${action}`, async (req, res) => {
      const body = parseWith(transitionBodySchema, req.body ?? {});
      res.json(await service.review(req.params.id, action, body.version, await callerOf(req), body.comment));
    });
  }

  router.use(requestErrors);
  return router;
}
