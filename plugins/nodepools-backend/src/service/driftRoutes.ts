import type { Router } from 'express';
import type {
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  nodepoolDriftAcknowledgePermission,
  type DesiredScopesResponse,
  type PoolDriftCountsResponse,
} from '@nodepools/plugin-nodepools-common';
import type { DriftStore } from '../store/DriftStore';
import type { PoolStore } from '../store/PoolStore';
import { DEFAULT_DRIFT_STATES } from '../store/drift/findingQuery';
import {
  parseAcknowledgement,
  parseDays,
  parseDriftQuery,
  parseStateQuery,
} from './driftQueryParams';

export interface DriftRoutesOptions {
  store: DriftStore;
  pools: Pick<PoolStore, 'getPool'>;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  /** The clock acknowledgements expire by. */
  now?: () => Date;
}

/**
 * Drift: findings with filters and paging, a pool's findings, the
 * summary, counts per pool, the state of the desired-state sources, and
 * acknowledgements. Reads the store only.
 */
export function addDriftRoutes(router: Router, options: DriftRoutesOptions) {
  const { store } = options;
  const now = options.now ?? (() => new Date());

  router.get('/drift', async (req, res) => {
    res.json(await store.listFindings(parseDriftQuery(req.query), now()));
  });

  router.get('/drift/summary', async (req, res) => {
    res.json(await store.summary(now(), parseDays(req.query)));
  });

  router.get('/drift/pools', async (_req, res) => {
    const body: PoolDriftCountsResponse = { items: await store.poolCounts(now()) };
    res.json(body);
  });

  router.get('/drift/sources', async (_req, res) => {
    const body: DesiredScopesResponse = { items: await store.listDesiredScopes() };
    res.json(body);
  });

  router.get('/pools/:ref/drift', async (req, res) => {
    const states = parseStateQuery(req.query) ?? DEFAULT_DRIFT_STATES;
    const items = await store.poolFindings(req.params.ref, states, now());
    if (!items.length && !(await options.pools.getPool(req.params.ref))) {
      throw new NotFoundError(`No pool with ref '${req.params.ref}'`);
    }
    res.json({ items });
  });

  router.post('/drift/:id/acknowledge', async (req, res) => {
    const at = now();
    const request = parseAcknowledgement(req.body, at);
    const credentials = await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const finding = await store.getFinding(req.params.id, at);
    if (!finding) throw new NotFoundError(`No drift finding with id '${req.params.id}'`);
    const [decision] = await options.permissions.authorize(
      [{ permission: nodepoolDriftAcknowledgePermission, resourceRef: finding.ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to acknowledge drift of pool '${finding.ref}'`);
    }
    const by =
      credentials.principal.type === 'user'
        ? (await options.userInfo.getUserInfo(credentials)).userEntityRef
        : credentials.principal.subject;
    const acknowledged = await store.acknowledge(
      finding.id,
      { by, at: at.toISOString(), reason: request.reason, ...(request.until ? { until: request.until } : {}) },
      at,
    );
    res.json(acknowledged);
  });
}
