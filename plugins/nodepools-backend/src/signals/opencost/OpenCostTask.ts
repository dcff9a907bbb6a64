import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { clusterRef } from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../../store/PoolStore';
import type { PoolSignalsStore } from '../PoolSignalsStore';
import type { OpenCostEndpoint } from './config';
import { OpenCostClient } from './OpenCostClient';
import { nodeHourly, poolCostsOf, type CostedPool } from './poolCosts';

export const OPENCOST_TASK_ID = 'nodepools-opencost';

export const OPENCOST_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

export interface OpenCostTaskDeps {
  endpoints: OpenCostEndpoint[];
  signals: PoolSignalsStore;
  pools: Pick<PoolStore, 'findClusters' | 'listClusterPools'>;
  /** The node labels that name a pool, in the order the node roll-up tries them. */
  poolLabelKeys: readonly string[];
  logger: LoggerService;
  /** Builds the client of an endpoint; tests give one with a quick request policy. */
  client?: (endpoint: OpenCostEndpoint) => OpenCostClient;
  now?: () => Date;
}

export interface OpenCostRunSummary {
  /** Pools whose node cost was read, per endpoint in config order; undefined where it failed. */
  pools: Array<number | undefined>;
  written: number;
}

/**
 * Reads every configured OpenCost once an hour and keeps the average
 * hourly cost of one node of each pool. An endpoint that fails (no answer,
 * a malformed one, an unknown cluster) is logged and its pools keep the
 * costs stored before.
 */
export class OpenCostTask {
  readonly #clients: OpenCostClient[];

  constructor(private readonly deps: OpenCostTaskDeps) {
    const client = deps.client ?? (endpoint => new OpenCostClient({ baseUrl: endpoint.baseUrl }));
    this.#clients = deps.endpoints.map(client);
  }

  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      ...OPENCOST_SCHEDULE,
      id: OPENCOST_TASK_ID,
      scope: 'global',
      fn: async abortSignal => {
        await this.run(abortSignal);
      },
    });
  }

  async run(signal?: AbortSignal): Promise<OpenCostRunSummary> {
    const summary: OpenCostRunSummary = { pools: [], written: 0 };
    for (const [index, endpoint] of this.deps.endpoints.entries()) {
      try {
        const counted = await this.#read(endpoint, this.#clients[index], signal);
        summary.pools.push(counted.pools);
        summary.written += counted.written;
      } catch (error) {
        if (signal?.aborted) throw error;
        summary.pools.push(undefined);
        this.deps.logger.warn(
          `Node costs from OpenCost at ${endpoint.baseUrl} could not be read; the pools keep their last costs: ${
            (error as Error).message
          }`,
        );
      }
    }
    return summary;
  }

  async #read(endpoint: OpenCostEndpoint, client: OpenCostClient, signal?: AbortSignal) {
    const pools = await this.#poolsOf(endpoint);
    if (!pools.length) {
      throw new Error(`the inventory has no pools of cluster '${describeCluster(endpoint)}'`);
    }
    const nodes = await client.nodeCosts(endpoint.window, signal);
    const mapping = poolCostsOf(nodes, pools, this.deps.poolLabelKeys);
    const observedAt = (this.deps.now?.() ?? new Date()).toISOString();
    const costs = mapping.pools.flatMap(total => {
      const hourly = nodeHourly(total);
      return hourly === undefined
        ? []
        : [
            {
              ref: total.ref,
              nodeHourly: hourly,
              nodeHours: total.nodeHours,
              window: endpoint.window,
              origin: endpoint.baseUrl,
              observedAt,
            },
          ];
    });
    const written = await this.deps.signals.recordNodeCosts(costs);
    this.deps.logger.info(
      `Node costs of ${costs.length} pools of cluster '${describeCluster(endpoint)}' read from OpenCost (${nodes.length} nodes, ${mapping.unmatchedNodes} in no known pool); ${written} rows written`,
    );
    return { pools: costs.length, written };
  }

  /** The live pools of the endpoint's cluster: by its ref, or every cluster of that name. */
  async #poolsOf(endpoint: OpenCostEndpoint): Promise<CostedPool[]> {
    const { pools } = this.deps;
    const identities =
      'ref' in endpoint.cluster ? [endpoint.cluster.ref] : await pools.findClusters(endpoint.cluster.name);
    const found = new Map<string, CostedPool>();
    for (const identity of identities) {
      for (const pool of await pools.listClusterPools(identity)) {
        found.set(pool.ref, { ref: pool.ref, provider: pool.provider, name: pool.name });
      }
    }
    return [...found.values()];
  }
}

function describeCluster(endpoint: OpenCostEndpoint): string {
  const { cluster } = endpoint;
  return 'name' in cluster ? cluster.name : clusterRef(cluster.ref);
}
