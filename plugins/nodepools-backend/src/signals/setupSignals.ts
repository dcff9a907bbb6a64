import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import { readKubernetesSourceSettings } from '../sources/kubernetes';
import type { PoolSource } from '../sources/types';
import type { PoolStore } from '../store/PoolStore';
import { DatabaseGovernanceSignals, DEFAULT_PEAK_DAYS } from './DatabaseGovernanceSignals';
import { readOpenCostEndpoints } from './opencost/config';
import { OpenCostTask } from './opencost/OpenCostTask';
import { DatabasePoolSignalsStore, type PoolSignalsStore } from './PoolSignalsStore';
import { recordSignals } from './recordSignals';
import type { GovernanceSignals } from '../governance/signals';

export const SIGNALS_RETENTION_TASK_ID = 'nodepools-signals-retention';

export interface Signals {
  store: PoolSignalsStore;
  /** What the governance stage reads (`setupGovernance({ signals })`). */
  governance: GovernanceSignals;
  /** The source, handing the signals its listings carry to the store as they pass. */
  observe(source: PoolSource): PoolSource;
}

/**
 * The pool signals: usage and subnet headroom recorded as the sources'
 * listings pass (`observe` each source before scheduling it), node costs
 * from OpenCost once an hour when `nodepools.cost.opencost` is set, and the
 * daily peaks pruned once a day. Call after `createStores`, which migrates
 * the tables.
 */
export async function setupSignals(deps: {
  config: Config;
  database: DatabaseService | { getClient(): Promise<Knex> };
  scheduler: SchedulerService;
  logger: LoggerService;
  pools: Pick<PoolStore, 'findCloudPools' | 'findClusters' | 'listClusterPools'>;
}): Promise<Signals> {
  const { config, scheduler, pools } = deps;
  const logger = deps.logger.child({ task: 'signals' });
  const knex = await deps.database.getClient();
  const store = new DatabasePoolSignalsStore(knex);
  const governance = new DatabaseGovernanceSignals(knex, { peakDays: DEFAULT_PEAK_DAYS });

  const endpoints = readOpenCostEndpoints(config);
  if (endpoints.length) {
    await new OpenCostTask({
      endpoints,
      signals: store,
      pools,
      poolLabelKeys: readKubernetesSourceSettings(config).poolLabelKeys,
      logger,
    }).schedule(scheduler);
  }
  await scheduler.scheduleTask({
    id: SIGNALS_RETENTION_TASK_ID,
    frequency: { hours: 24 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 5 },
    scope: 'global',
    fn: async () => {
      const pruned = await store.pruneDailyBefore(governance.firstPeakDay());
      if (pruned) logger.info(`Pruned ${pruned} daily usage peaks before ${governance.firstPeakDay()}`);
    },
  });

  return {
    store,
    governance,
    observe: source => recordSignals(source, { signals: store, pools, logger }),
  };
}
