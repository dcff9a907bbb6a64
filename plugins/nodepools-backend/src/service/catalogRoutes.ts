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

/**
 * What the catalog module and the entity cards read: the change feed of
 * pools, pools by ref, and the pools a workload's pods run on. Registered
 * before `/pools/:ref`, which would otherwise take `changes` for a ref.
 */
export function addCatalogRoutes(
  router: Router,
  deps: {
    store: Pick<PoolStore, 'getPools'>;
    feed: ChangeFeed;
    workloads: WorkloadStore;
    /** The pod labels the roll-ups record, the only keys a selector may name. */
    workloadLabelKeys: readonly string[];
  },
): void {
  router.get('/pools/changes', async (req, res) => {
    const parsed = changesQuery.safeParse(req.query);
    if (!parsed.success) throw queryError(parsed.error);
    try {
      const body: PoolChangesResponse = await deps.feed.listChanges(
        parsed.data.after,
        parsed.data.limit ?? 500,
      );
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
    const body: ListResponse<NodePool> = { items: await deps.store.getPools(parsed.data.refs) };
    res.json(body);
  });

  router.get('/workloads/pools', async (req, res) => {
    const query = parseWorkloadQuery(req.query, deps.workloadLabelKeys);
    res.json(await findWorkloadPools(query, deps));
  });
}
