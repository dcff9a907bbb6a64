import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  clusterRef,
  parseClusterRef,
  provisioningOf,
  REQUEST_KIND_PROFILES,
  type NodePool,
  type PoolRequest,
  type RequestAction,
  type RequestState,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { RequestStore } from '../store/RequestStore';
import type { RequestService } from './RequestService';

/** Requests whose pool the inventory is watched for. */
const WATCHED: readonly RequestState[] = ['approved', 'provisioning', 'failed'];

export interface DetectionSummary {
  provisioning: number;
  provisioned: number;
  failed: number;
  expired: number;
}

function formatDuration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} hours`;
}

/** What the inventory says about a request's pool: the action to take, with what it records. */
function nextStep(
  request: PoolRequest,
  pool: NodePool | undefined,
  expired: boolean,
  expireAfterMs: number,
  now: string,
): { action: RequestAction; changes: { poolRef?: string; provisionedAt?: string; stateReason?: string } } | undefined {
  if (!pool) {
    if (request.state === 'failed' || !expired) return undefined;
    return { action: 'expire', changes: { stateReason: `the pool did not appear in the inventory within ${formatDuration(expireAfterMs)} of approval` } };
  }
  const stage = provisioningOf(pool.state);
  if (stage === 'ready') return { action: 'detect-ready', changes: { poolRef: pool.ref, provisionedAt: now, stateReason: '' } };
  if (stage === 'creating' && request.state === 'approved') return { action: 'detect-creating', changes: { poolRef: pool.ref } };
  if (stage === 'failed' && request.state !== 'failed') {
    return { action: 'detect-failed', changes: { poolRef: pool.ref, stateReason: `the cloud reports the pool as ${pool.state}` } };
  }
  return undefined;
}

/**
 * Links approved requests to the pools the inventory now has with their
 * cluster and name: creating -> provisioning, ready -> provisioned, a
 * failed cloud state -> failed; a pool that never shows up expires the
 * request `expireAfterMs` after its approval.
 */
export async function detectProvisioning(deps: {
  requests: RequestStore;
  pools: PoolStore;
  service: RequestService;
  expireAfterMs: number;
  logger: LoggerService;
  now?: () => Date;
}): Promise<DetectionSummary> {
  const summary: DetectionSummary = { provisioning: 0, provisioned: 0, failed: 0, expired: 0 };
  const nowDate = deps.now?.() ?? new Date();
  const now = nowDate.toISOString();
  const byCluster = new Map<string, NodePool[]>();
  for (const request of await deps.requests.listInStates(WATCHED)) {
    const cluster = parseClusterRef(request.spec.cluster);
    const key = clusterRef(cluster);
    let pools = byCluster.get(key);
    if (!pools) {
      pools = await deps.pools.listClusterPools(cluster);
      byCluster.set(key, pools);
    }
    const provider = REQUEST_KIND_PROFILES[request.kind].provider;
    const pool = pools.find(p => p.name === request.spec.name && p.provider === provider);
    const decided = Date.parse(request.decidedAt ?? request.updatedAt);
    const step = nextStep(request, pool, nowDate.getTime() - decided >= deps.expireAfterMs, deps.expireAfterMs, now);
    if (!step) continue;
    const updated = await deps.service.applySystem(request, step.action, step.changes);
    if (!updated) continue;
    if (updated.state === 'provisioning' || updated.state === 'provisioned' || updated.state === 'failed' || updated.state === 'expired') {
      summary[updated.state] += 1;
    }
  }
  if (summary.provisioning + summary.provisioned + summary.failed + summary.expired > 0) {
    deps.logger.info(
      `Pool requests: ${summary.provisioned} provisioned, ${summary.provisioning} provisioning, ${summary.failed} failed, ${summary.expired} expired`,
    );
  }
  return summary;
}
