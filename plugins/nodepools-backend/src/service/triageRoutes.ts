import express from 'express';
import type { Router } from 'express';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  clusterRef,
  parseClusterSelector,
  TriageInput,
  TriageInputError,
  type ClusterIdentity,
  type TriageClustersResponse,
  type TriagePoolsResponse,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';
import type { PoolAccess } from '../permissions';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import { findClusterTriage } from '../triage/findClusterTriage';
import { AmbiguousClusterError } from '../triage/resolveCluster';
import { analyzeWithInventory, type TriageInventory } from '../triage/runTriage';
import { queryError } from './poolQueryParams';

/** kubectl output of a large cluster runs to tens of megabytes. */
const ANALYZE_BODY_LIMIT = '64mb';

const KUBECTL_FIELDS = [
  'pods',
  'nodes',
  'events',
  'persistentVolumes',
  'persistentVolumeClaims',
  'namespaces',
] as const;

const analyzeBody = z
  .object({
    cluster: z.string().min(1).max(512).optional(),
    pods: z.union([z.record(z.unknown()), z.array(z.unknown())]),
    nodes: z.union([z.record(z.unknown()), z.array(z.unknown())]),
    events: z.union([z.record(z.unknown()), z.array(z.unknown())]).optional(),
    persistentVolumes: z.union([z.record(z.unknown()), z.array(z.unknown())]).optional(),
    persistentVolumeClaims: z.union([z.record(z.unknown()), z.array(z.unknown())]).optional(),
    namespaces: z.union([z.record(z.unknown()), z.array(z.unknown())]).optional(),
    pools: z.array(z.record(z.unknown())).optional(),
  })
  .strict();

function bodyError(error: z.ZodError): InputError {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    return new InputError(
      `Unknown field '${issue.keys[0]}' in the request body; expected ${['cluster', ...KUBECTL_FIELDS, 'pools'].join(', ')}`,
    );
  }
  const field = issue.path.join('.') || 'body';
  const hint = (KUBECTL_FIELDS as readonly string[]).includes(String(issue.path[0]))
    ? ` (the JSON of kubectl get ${String(issue.path[0]).toLowerCase()} -o json)`
    : '';
  return new InputError(`Invalid field '${field}' in the request body: ${issue.message}${hint}`);
}

/**
 * A cluster ref or bare name given as `what` (a query parameter or a body
 * field); a malformed ref or an ambiguous name is a 400 naming it.
 */
function readCluster(text: string, what: string): ClusterIdentity {
  try {
    return parseClusterSelector(text);
  } catch (error) {
    throw new InputError(`Invalid ${what}: ${(error as Error).message}`);
  }
}

async function unambiguous<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AmbiguousClusterError) {
      throw new InputError(`Invalid ${what}: ${error.message}; pass one of these cluster refs`);
    }
    throw error;
  }
}

/** Pending-pod triage: stored reports of live clusters, and analysis on demand. */
export function addTriageRoutes(
  router: Router,
  deps: {
    store: TriageInventory & Pick<PoolStore, 'listClusters' | 'getPools'>;
    triageStore: TriageStore;
    access: PoolAccess;
  },
) {
  router.post(
    '/triage/analyze',
    express.json({ limit: ANALYZE_BODY_LIMIT }),
    async (req, res) => {
      const inventory = await deps.access.analysisInventory(req, deps.store);
      const parsed = analyzeBody.safeParse(req.body);
      if (!parsed.success) throw bodyError(parsed.error);
      const { cluster, ...input } = parsed.data as TriageInput;
      const what = "field 'cluster' in the request body";
      const identity = cluster === undefined ? undefined : readCluster(cluster, what);
      try {
        res.json(
          await unambiguous(what, () => analyzeWithInventory(input, identity, inventory)),
        );
      } catch (error) {
        if (error instanceof TriageInputError) throw new InputError(error.message);
        throw error;
      }
    },
  );

  router.get('/triage/clusters', async (req, res) => {
    const reads = await deps.access.triageReads(req, deps.triageStore, deps.store);
    const body: TriageClustersResponse = { items: await reads.listClusters() };
    res.json(body);
  });

  router.get('/triage/pools', async (req, res) => {
    const reads = await deps.access.triageReads(req, deps.triageStore, deps.store);
    const body: TriagePoolsResponse = { items: await reads.poolSummaries() };
    res.json(body);
  });

  const clusterQuery = z.object({ cluster: z.string().min(1).max(512) }).strict();
  router.get('/triage', async (req, res) => {
    const reads = await deps.access.triageReads(req, deps.triageStore, deps.store);
    const parsed = clusterQuery.safeParse(req.query);
    if (!parsed.success) throw queryError(parsed.error);
    const text = parsed.data.cluster;
    const what = "query parameter 'cluster'";
    const identity = readCluster(text, what);
    const triage = await unambiguous(what, () =>
      findClusterTriage(reads, {
        identity,
        ...(text.includes('/') ? { exactRef: clusterRef(identity) } : {}),
      }),
    );
    if (!triage) {
      throw new NotFoundError(`No triage for cluster '${text}'`);
    }
    res.json(triage);
  });
}
