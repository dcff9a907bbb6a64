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
  nodepoolReadPermission,
  type DesiredScopesResponse,
  type PoolDriftCountsResponse,
} from '@nodepools/plugin-nodepools-common';
import { restrictionOf, scopeCovers, type PoolAccess } from '../permissions';
import { notAllowed } from '../permissions/notAllowed';
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
  /** What the caller may read: findings follow their pools. */
  access: PoolAccess;
  /** The clock acknowledgements expire by. */
  now?: () => Date;
}

/**
 * Drift: findings with filters and paging, a pool's findings, the
 * summary, counts per pool, the state of the desired-state sources, and
 * acknowledgements. Reads the store only. Findings are shown for the
 * pools the caller may read (`nodepool.read`); the summary and the
 * desired-state sources are fleet-wide counts, for anyone not denied
 * reading pools outright.
 */
export function addDriftRoutes(router: Router, options: DriftRoutesOptions) {
  const { store } = options;
  const now = options.now ?? (() => new Date());

  router.get('/drift', async (req, res) => {
    const restrict = restrictionOf(await options.access.readScope(req));
    res.json(await store.listFindings({ ...parseDriftQuery(req.query), restrict }, now()));
  });

  router.get('/drift/summary', async (req, res) => {
    await options.access.readScope(req);
    res.json(await store.summary(now(), parseDays(req.query)));
  });

  router.get('/drift/pools', async (req, res) => {
    const restrict = restrictionOf(await options.access.readScope(req));
    const body: PoolDriftCountsResponse = { items: await store.poolCounts(now(), restrict) };
    res.json(body);
  });

  router.get('/drift/sources', async (req, res) => {
    await options.access.readScope(req);
    const body: DesiredScopesResponse = { items: await store.listDesiredScopes() };
    res.json(body);
  });

  router.get('/pools/:ref/drift', async (req, res) => {
    const states = parseStateQuery(req.query) ?? DEFAULT_DRIFT_STATES;
    const scope = await options.access.readScope(req);
    const [items, pool] = await Promise.all([
      store.poolFindings(req.params.ref, states, now()),
      options.pools.getPool(req.params.ref),
    ]);
    if (pool && !scopeCovers(scope, pool)) {
      throw notAllowed(nodepoolReadPermission, `read the node pool '${req.params.ref}'`);
    }
    // A declared pool missing from the inventory has findings but no pool: only a caller who reads every pool sees them.
    if (!pool && (!items.length || scope.kind !== 'all')) {
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
