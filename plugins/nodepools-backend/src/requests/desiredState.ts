import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DesiredStateSource } from '@nodepools/plugin-nodepools-node';
import {
  DESIRED_STATES,
  requestDesiredPool,
  type DesiredPool,
  type MachineCatalog,
} from '@nodepools/plugin-nodepools-common';
import type { RequestStore } from '../store/RequestStore';
import { stableJson } from '../store/stableJson';

/**
 * Approved requests as a desired-state source: the spec of each approved
 * request whose pool the inventory has seen, rendered as Terraform and read back by
 * the drift readers (`source: request:<id>`), so differences between the
 * approved spec and the cloud become drift findings once the drift stage
 * reads this source.
 */
export async function approvedRequestsAsDesired(deps: {
  requests: RequestStore;
  catalog: MachineCatalog;
  logger: LoggerService;
}): Promise<DesiredPool[]> {
  const pools: DesiredPool[] = [];
  for (const request of await deps.requests.listInStates(DESIRED_STATES)) {
    // Until its pool appears, an approved request is the provisioning stage's to follow, not drift.
    if (!request.poolRef) continue;
    try {
      pools.push({ ...requestDesiredPool(request, { catalog: deps.catalog }), declaresCluster: false });
    } catch (error) {
      deps.logger.warn(`Approved request ${request.id} cannot be read as desired state: ${(error as Error).message}`);
    }
  }
  return pools;
}

/** The scope of the approved requests within their desired-state source. */
const REQUESTS_SCOPE = 'requests';

/**
 * The approved requests as the drift stage reads desired state: one scope,
 * always complete (the store answered for every request), versioned by
 * its content so an unchanged set is not compared again.
 */
export function approvedRequestsSource(read: () => Promise<DesiredPool[]>): DesiredStateSource {
  return {
    id: 'requests',
    kind: 'requests',
    target: 'approved pool requests',
    async list({ versions }) {
      const pools = await read();
      const version = createHash('sha256').update(stableJson(pools)).digest('hex');
      const unchanged = versions.get(REQUESTS_SCOPE) === version;
      return [
        {
          scope: REQUESTS_SCOPE,
          location: 'nodepools requests',
          complete: true,
          version,
          ...(unchanged ? { unchanged: true, pools: [] } : { pools }),
        },
      ];
    },
  };
}
