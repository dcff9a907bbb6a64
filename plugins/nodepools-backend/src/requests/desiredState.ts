import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DESIRED_STATES,
  requestDesiredPool,
  type DesiredPool,
  type MachineCatalog,
} from '@nodepools/plugin-nodepools-common';
import type { RequestStore } from '../store/RequestStore';

/**
 * Approved requests as a desired-state source: each approved, provisioning
 * or provisioned request's spec, rendered as Terraform and read back by
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
    try {
      pools.push(requestDesiredPool(request, { catalog: deps.catalog }));
    } catch (error) {
      deps.logger.warn(`Approved request ${request.id} cannot be read as desired state: ${(error as Error).message}`);
    }
  }
  return pools;
}
