import type { Request, Response, Router } from 'express';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  clusterRef,
  parseClusterSelector,
  type ClusterIdentity,
  type TriageClustersResponse,
  type TriagePoolsResponse,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';
import type { PoolAccess } from '../permissions';
import type { PoolStore } from '../store/PoolStore';
import type { StoredTriage, TriageStore } from '../store/TriageStore';
import { TriageRefusedError } from '../triage/analysis/errors';
import type { TriageAnalyzer } from '../triage/analysis/TriageAnalyzer';
import { findClusterTriage } from '../triage/findClusterTriage';
import { AmbiguousClusterError } from '../triage/resolveCluster';
import { inventoryPools, type TriageInventory } from '../triage/runTriage';
import { queryError } from './poolQueryParams';

interface TriageRouteDeps {
  store: TriageInventory & Pick<PoolStore, 'listClusters' | 'getPools'>;
  triageStore: TriageStore;
  analyzer: TriageAnalyzer;
  /** Asked first: what the caller may analyze and read. */
  access: PoolAccess;
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

function sendJson(res: Response, json: Uint8Array | string) {
  res.type('application/json');
  res.send(typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength));
}

/** A stored triage as the API answers it, its report's JSON passed on as stored. */
function triageJson({ reportJson, ...triage }: StoredTriage): string {
  return `${JSON.stringify(triage).slice(0, -1)},"report":${reportJson}}`;
}

/**
 * `POST /triage/analyze`: the body streams into the analysis thread as it
 * arrives (never parsed whole here); the report's JSON comes back as the
 * thread wrote it. Refusals name their limit; a body left unread is drained.
 */
async function analyze(req: Request, res: Response, deps: TriageRouteDeps) {
  const what = "field 'cluster' in the request body";
  const length = req.headers['content-length'];
  try {
    // Before the body is read: a caller who may not analyze sends it for nothing.
    const inventory = await deps.access.analysisInventory(req, deps.store);
    const report = await deps.analyzer.analyzeBody(req, length === undefined ? undefined : Number(length), read =>
      unambiguous(what, () =>
        inventoryPools(inventory, read.cluster === undefined ? undefined : readCluster(read.cluster, what), read.hasPools),
      ),
    );
    sendJson(res, report.json);
  } catch (error) {
    if (!req.readableEnded) {
      // The answer does not wait for the rest of a refused body, nor keeps its connection.
      res.setHeader('Connection', 'close');
      req.resume();
    }
    if (error instanceof TriageRefusedError && error.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    throw error;
  }
}

const clusterQuery = z.object({ cluster: z.string().min(1).max(512) }).strict();

/** `GET /triage?cluster=`: a cluster ref, or a name while it is unambiguous. */
async function clusterTriage(req: Request, res: Response, deps: TriageRouteDeps) {
  const parsed = clusterQuery.safeParse(req.query);
  if (!parsed.success) throw queryError(parsed.error);
  const text = parsed.data.cluster;
  const what = "query parameter 'cluster'";
  const identity = readCluster(text, what);
  const reads = await deps.access.triageReads(req, deps.triageStore, deps.store);
  const triage = await unambiguous(what, () =>
    findClusterTriage(reads, {
      identity,
      ...(text.includes('/') ? { exactRef: clusterRef(identity) } : {}),
    }),
  );
  if (!triage) throw new NotFoundError(`No triage for cluster '${text}'`);
  sendJson(res, triageJson(triage));
}

/** Pending-pod triage: stored reports of live clusters, and analysis on demand. */
export function addTriageRoutes(router: Router, deps: TriageRouteDeps) {
  router.post('/triage/analyze', async (req, res) => {
    await analyze(req, res, deps);
  });

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

  router.get('/triage', async (req, res) => {
    await clusterTriage(req, res, deps);
  });
}
