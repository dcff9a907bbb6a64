import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  nodepoolSourceSyncPermission,
  type ClustersResponse,
  type PoolHistoryResponse,
  type SourcesResponse,
} from '@nodepools/plugin-nodepools-common';
import { restrictionOf, type PoolAccess } from '../permissions';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import type { TriageAnalyzer } from '../triage/analysis/TriageAnalyzer';
import { addDriftRoutes, type DriftRoutesOptions } from './driftRoutes';
import { mapStoreErrors } from './errors';
import { addGovernanceRoutes, type GovernanceRoutesOptions } from './governanceRoutes';
import { TooManyRequestsError, type ManualSyncLimiter } from './manualSyncLimit';
import { parsePoolQuery } from './poolQueryParams';
import { addCatalogRoutes } from './catalogRoutes';
import { createRequestRouter, type RequestRoutesOptions } from './requestRoutes';
import { ListingSender } from './sendListing';
import { addTriageRoutes } from './triageRoutes';

export interface RouterOptions {
  store: PoolStore;
  triageStore: TriageStore;
  /** Runs triage analyses off the event loop, within their limits. */
  triageAnalyzer: TriageAnalyzer;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  /** Every route asks it first what the caller may do. */
  access: PoolAccess;
  /** One manual sync per source per interval. */
  syncLimiter: ManualSyncLimiter;
  /** Starts a source's sync now; rejects with NotFoundError for an unknown id. */
  triggerSync(sourceId: string): Promise<void>;
  /** When a source is next due, if known. */
  nextRunAt?(sourceId: string, lastRunAt?: string): string | undefined;
  /** When the pools of a source removed from config at `removedAt` are tombstoned. */
  tombstoneAt?(removedAt: string): string;
  /** The change feed and workloads read by the catalog module and the entity cards. */
  catalog: Omit<Parameters<typeof addCatalogRoutes>[1], 'store' | 'access'>;
  /** The pool request workflow at /requests (its own body parser and error answers). */
  requests?: RequestRoutesOptions;
  /** Bytes of compressed listings kept in memory (default 8 MiB). */
  compressedCacheBytes?: number;
  /** Drift findings and acknowledgements; without it the drift routes are not served. */
  drift?: Omit<DriftRoutesOptions, 'httpAuth' | 'pools' | 'access'>;
  /** Governance findings, costs, upgrades, owner reviews and exports; without it they are not served. */
  governance?: Omit<GovernanceRoutesOptions, 'pools' | 'access'>;
}

/** The HTTP API. It reads the store only; it never calls a cloud. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, access } = options;
  const router = Router();
  const listings = new ListingSender(options.compressedCacheBytes ?? 8 * 1024 * 1024);

  // Every route answers signed-in users and other backends only.
  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    next();
  });
  // Before the 1 MB body limit of the other routes: it takes kubectl output.
  addTriageRoutes(router, {
    store,
    triageStore: options.triageStore,
    analyzer: options.triageAnalyzer,
    access,
  });
  addCatalogRoutes(router, { store, access, ...options.catalog });
  if (options.requests) router.use('/requests', createRequestRouter(options.requests));
  router.use(express.json({ limit: '1mb' }));

  if (options.drift) addDriftRoutes(router, { ...options.drift, httpAuth, pools: store, access });
  if (options.governance) addGovernanceRoutes(router, { ...options.governance, pools: store, access });

  // Tagged with the store's change counter: If-None-Match answers 304 without reading a pool.
  router.get('/pools', async (req, res) => {
    const restrict = restrictionOf(await access.readScope(req));
    const query = { ...parsePoolQuery(req.query), restrict };
    await listings.send(req, res, await store.listPoolsJson(query, { ifNoneMatch: req.get('if-none-match') }));
  });

  router.get('/pools/facets', async (req, res) => {
    const restrict = restrictionOf(await access.readScope(req));
    await listings.send(req, res, await store.facetsJson({ ifNoneMatch: req.get('if-none-match'), restrict }));
  });

  router.get('/pools/:ref', async (req, res) => {
    const reader = await access.poolReader(req);
    const pool = await store.getPool(req.params.ref);
    if (!pool) throw new NotFoundError(`No pool with ref '${req.params.ref}'`);
    res.json(reader.present(pool));
  });

  router.get('/pools/:ref/history', async (req, res) => {
    const reader = await access.poolReader(req);
    const pool = await store.getPool(req.params.ref);
    if (!pool) throw new NotFoundError(`No pool with ref '${req.params.ref}'`);
    reader.check(pool);
    const body: PoolHistoryResponse = {
      items: await store.getHistory(req.params.ref),
    };
    res.json(body);
  });

  router.get('/clusters', async (req, res) => {
    const restrict = restrictionOf(await access.readScope(req));
    const body: ClustersResponse = { items: await store.listClusters(restrict) };
    res.json(body);
  });

  // Sources say how pools are read, not what they are: any read decision but a denial.
  router.get('/sources', async (req, res) => {
    await access.readScope(req);
    const items = (await store.listSources()).map(source => {
      if (source.removedAt) {
        const tombstoneAt = options.tombstoneAt?.(source.removedAt);
        return tombstoneAt ? { ...source, tombstoneAt } : source;
      }
      const nextRunAt = options.nextRunAt?.(source.id, source.lastRunAt);
      const shards = source.shards?.map(shard => {
        const shardNext = options.nextRunAt?.(source.id, shard.lastRunAt);
        return shardNext ? { ...shard, nextRunAt: shardNext } : shard;
      });
      return {
        ...source,
        ...(nextRunAt ? { nextRunAt } : {}),
        ...(shards ? { shards } : {}),
      };
    });
    const body: SourcesResponse = { items };
    res.json(body);
  });

  router.post('/sources/:id/sync', async (req, res) => {
    await access.require(req, nodepoolSourceSyncPermission, 'run source syncs');
    const id = req.params.id;
    const waitMs = await options.syncLimiter.reserve(id);
    if (waitMs !== undefined) {
      const seconds = Math.ceil(waitMs / 1000);
      res.setHeader('Retry-After', String(seconds));
      throw new TooManyRequestsError(
        `Source '${id}' was synced by hand recently; try again in ${seconds} s`,
      );
    }
    try {
      await options.triggerSync(id);
    } catch (error) {
      await options.syncLimiter.release(id);
      throw error;
    }
    res.status(202).json({ id, status: 'triggered' });
  });

  router.use(mapStoreErrors);
  return router;
}
