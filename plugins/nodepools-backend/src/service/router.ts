import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  ClustersResponse,
  PoolHistoryResponse,
  SourcesResponse,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import { mapStoreErrors } from './errors';
import { parsePoolQuery } from './poolQueryParams';
import { createRequestRouter, type RequestRoutesOptions } from './requestRoutes';
import { addTriageRoutes } from './triageRoutes';

export interface RouterOptions {
  store: PoolStore;
  triageStore: TriageStore;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  /** Starts a source's sync now; rejects with NotFoundError for an unknown id. */
  triggerSync(sourceId: string): Promise<void>;
  /** When a source is next due, if known. */
  nextRunAt?(sourceId: string, lastRunAt?: string): string | undefined;
  /** When the pools of a source removed from config at `removedAt` are tombstoned. */
  tombstoneAt?(removedAt: string): string;
  /** The pool request workflow at /requests (its own body parser and error answers). */
  requests?: RequestRoutesOptions;
}

/** The HTTP API. It reads the store only; it never calls a cloud. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth } = options;
  const router = Router();

  // Every route answers signed-in users and other backends only.
  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    next();
  });
  // Before the 1 MB body limit of the other routes: it takes kubectl output.
  addTriageRoutes(router, { store, triageStore: options.triageStore });
  if (options.requests) router.use('/requests', createRequestRouter(options.requests));
  router.use(express.json({ limit: '1mb' }));

  router.get('/pools', async (req, res) => {
    res.json(await store.listPools(parsePoolQuery(req.query)));
  });

  router.get('/pools/facets', async (_req, res) => {
    res.json(await store.getFacets());
  });

  router.get('/pools/:ref', async (req, res) => {
    const pool = await store.getPool(req.params.ref);
    if (!pool) throw new NotFoundError(`No pool with ref '${req.params.ref}'`);
    res.json(pool);
  });

  router.get('/pools/:ref/history', async (req, res) => {
    const pool = await store.getPool(req.params.ref);
    if (!pool) throw new NotFoundError(`No pool with ref '${req.params.ref}'`);
    const body: PoolHistoryResponse = {
      items: await store.getHistory(req.params.ref),
    };
    res.json(body);
  });

  router.get('/clusters', async (_req, res) => {
    const body: ClustersResponse = { items: await store.listClusters() };
    res.json(body);
  });

  router.get('/sources', async (_req, res) => {
    const items = (await store.listSources()).map(source => {
      if (source.removedAt) {
        const tombstoneAt = options.tombstoneAt?.(source.removedAt);
        return tombstoneAt ? { ...source, tombstoneAt } : source;
      }
      const nextRunAt = options.nextRunAt?.(source.id, source.lastRunAt);
      return nextRunAt ? { ...source, nextRunAt } : source;
    });
    const body: SourcesResponse = { items };
    res.json(body);
  });

  router.post('/sources/:id/sync', async (req, res) => {
    await options.triggerSync(req.params.id);
    res.status(202).json({ id: req.params.id, status: 'triggered' });
  });

  router.use(mapStoreErrors);
  return router;
}
