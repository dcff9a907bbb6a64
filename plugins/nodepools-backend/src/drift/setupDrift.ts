import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { createDesiredSources, readDesiredSchedule } from '../desired/createDesiredSources';
import { DesiredStateScheduler } from '../desired/DesiredStateScheduler';
import type { DesiredStateSource } from '../desired/types';
import { readDurationMs } from '../inventory/freshness';
import { readOwnershipConfig } from '../inventory/ownership';
import { readSchedule } from '../sources/createSources';
import type { DriftStore } from '../store/DriftStore';
import type { PoolStore } from '../store/PoolStore';
import { DriftScheduler } from './DriftScheduler';

const DEFAULT_DEBOUNCE_MS = 5_000;

/** Which cloud pools the comparison reports as not in any IaC (`nodepools.drift.scope`). */
function readScope(config: Config): 'declared-clusters' | 'all' {
  const scope = config.getOptionalString('nodepools.drift.scope') ?? 'declared-clusters';
  if (scope !== 'declared-clusters' && scope !== 'all') {
    throw new Error(`Invalid config at nodepools.drift.scope: expected declared-clusters or all, got ${JSON.stringify(scope)}`);
  }
  return scope;
}

/**
 * Wires the drift stage: the desired-state sources (configured ones and
 * those backend modules added), each on its schedule, and the comparison,
 * asked for when a declaration changes and (through the returned
 * scheduler) after every pool sync.
 */
export async function setupDrift(options: {
  config: Config;
  scheduler: SchedulerService;
  store: DriftStore;
  pools: Pick<PoolStore, 'listSources'>;
  /** The ids of the configured pool sources, read when the comparison runs. */
  poolSourceIds: readonly string[];
  logger: LoggerService;
  urlReader: UrlReaderService;
  baseDir: string;
  added: Array<{ source: DesiredStateSource; schedule?: SchedulerServiceTaskScheduleDefinition }>;
  /** Told after a comparison changed findings. */
  onFindingsChanged?: () => void;
}): Promise<DriftScheduler> {
  const { config, scheduler, store, logger } = options;
  const drift = new DriftScheduler({
    scheduler,
    store,
    logger,
    compare: { ownerTagKeys: readOwnershipConfig(config).keys.tagKeys, scope: readScope(config) },
    debounceMs: readDurationMs(config, 'nodepools.drift.debounce') ?? DEFAULT_DEBOUNCE_MS,
    onFindingsChanged: options.onFindingsChanged,
    inventoryReady: async () => {
      const ran = new Set((await options.pools.listSources()).filter(s => s.lastRunAt).map(s => s.id));
      return options.poolSourceIds.every(id => ran.has(id));
    },
  });
  const desired = new DesiredStateScheduler({ scheduler, store, logger, onChange: () => drift.requestRun() });
  const sources = [
    ...createDesiredSources(config, { logger, urlReader: options.urlReader, baseDir: options.baseDir }),
    ...options.added.map(({ source, schedule }) => ({ source, schedule: schedule ?? readDesiredSchedule(config) })),
  ];
  for (const { source, schedule } of sources) await desired.schedule(source, schedule);
  await drift.schedule(readSchedule(config, config.getOptionalConfig('nodepools.drift.schedule')));
  await desired.forgetUnconfigured();
  return drift;
}
