import express from 'express';
import type { Router } from 'express';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  MAX_POOLS_BY_REF,
  type ListResponse,
  type NodePool,
  type PoolChangesResponse,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';
import { scopeCovers, type PoolAccess, type PoolScope } from '../permissions';
import { HistoryGoneError, type ChangeFeed } from '../store/feed/ChangeFeed';
import type { PoolStore } from '../store/PoolStore';
import type { WorkloadStore } from '../store/workloads/WorkloadStore';
import { queryError } from './poolQueryParams';
import { findWorkloadPools, parseWorkloadQuery } from './workloadQuery';

/** 410: what was asked for is no longer kept. */
class GoneError extends CustomErrorBase {
  readonly statusCode = 410;
}

const MAX_CHANGES = 1000;
const LIMIT_MESSAGE = `expected a whole number from 1 to ${MAX_CHANGES}`;
const WHOLE_MESSAGE = 'expected a history id (a whole number)';

const changesQuery = z
  .object({
    after: z.coerce.number({ invalid_type_error: WHOLE_MESSAGE }).int(WHOLE_MESSAGE).min(0, WHOLE_MESSAGE),
    limit: z.coerce
      .number({ invalid_type_error: LIMIT_MESSAGE })
      .int(LIMIT_MESSAGE)
      .min(1, LIMIT_MESSAGE)
      .max(MAX_CHANGES, LIMIT_MESSAGE),
  })
  .partial()
  .strict();

const byRefBody = z
  .object({ refs: z.array(z.string().min(1).max(512)).max(MAX_POOLS_BY_REF) })
  .strict();

/** The loaded pools the caller may read, in order. */
function readable(pools: Array<NodePool | undefined>, scope: PoolScope): NodePool[] {
  return pools.filter((pool): pool is NodePool => pool !== undefined && scopeCovers(scope, pool));
}

/**
 * What the catalog module and the entity cards read: the change feed of
 * pools, pools by ref, and the pools a workload's pods run on, each as far
 * as `nodepool.read` lets the caller see. Registered before `/pools/:ref`,
 * which would otherwise take `changes` for a ref.
 */
export function addCatalogRoutes(
  router: Router,
  deps: {
    store: Pick<PoolStore, 'getPools'>;
    access: Pick<PoolAccess, 'readScope'>;
    feed: ChangeFeed;
    workloads: WorkloadStore;
    /** The pod labels the roll-ups record, the only keys a selector may name. */
    workloadLabelKeys: readonly string[];
  },
): void {
  router.get('/pools/changes', async (req, res) => {
    const parsed = changesQuery.safeParse(req.query);
    if (!parsed.success) throw queryError(parsed.error);
    const scope = await deps.access.readScope(req);
    try {
      const body: PoolChangesResponse = await deps.feed.listChanges(
        parsed.data.after,
        parsed.data.limit ?? 500,
      );
      if (scope.kind === 'some') {
        // Changes of pools the caller may not read are left out; `latest` still moves past them.
        const refs = [...new Set(body.items.map(item => item.ref))];
        const visible = new Set(readable(await deps.store.getPools(refs), scope).map(p => p.ref));
        body.items = body.items.filter(item => visible.has(item.ref));
      }
      res.json(body);
    } catch (error) {
      if (error instanceof HistoryGoneError) throw new GoneError(error.message);
      throw error;
    }
  });

  router.post('/pools/by-ref', express.json({ limit: '1mb' }), async (req, res) => {
    const parsed = byRefBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`Invalid body field '${issue.path.join('.') || 'refs'}': ${issue.message}`);
    }
    const scope = await deps.access.readScope(req);
    const body: ListResponse<NodePool> = {
      items: readable(await deps.store.getPools(parsed.data.refs), scope),
    };
    res.json(body);
  });

  router.get('/workloads/pools', async (req, res) => {
    const query = parseWorkloadQuery(req.query, deps.workloadLabelKeys);
    const scope = await deps.access.readScope(req);
    res.json(await findWorkloadPools(query, deps, pool => scopeCovers(scope, pool)));
  });
}
