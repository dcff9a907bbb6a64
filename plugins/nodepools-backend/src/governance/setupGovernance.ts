import type { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { readPricingOverrides } from '@nodepools/plugin-nodepools-common';
import type { DriftStore } from '../store/DriftStore';
import type { GovernanceStore } from '../store/GovernanceStore';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import { readGovernanceConfig } from './config';
import { GovernanceScheduler } from './GovernanceScheduler';
import { ReviewReminders } from './reminders';
import type { GovernanceSignals } from './signals';

/**
 * Wires the governance stage: reads `nodepools.governance`, schedules the
 * evaluation (unless `enabled: false`) and its reminders. The returned
 * scheduler is asked for runs after syncs and drift comparisons, and
 * answers owners' reviews.
 */
export async function setupGovernance(options: {
  config: Config;
  scheduler: SchedulerService;
  stores: { governance: GovernanceStore; drift: DriftStore; triage: TriageStore; pools: Pick<PoolStore, 'listSources'> };
  /** The ids of the configured pool sources, read when the evaluation runs. */
  poolSourceIds: readonly string[];
  notifications?: NotificationService;
  signals?: GovernanceSignals;
  logger: LoggerService;
}): Promise<GovernanceScheduler> {
  const settings = readGovernanceConfig(options.config);
  const { stores, logger } = options;
  const governance = new GovernanceScheduler({
    scheduler: options.scheduler,
    logger,
    debounceMs: settings.debounceMs,
    run: {
      store: stores.governance,
      drift: stores.drift,
      triage: stores.triage,
      signals: options.signals,
      options: settings.options,
      unschedulableCache: new Map(),
      evaluate: { pricing: readPricingOverrides(options.config.getOptional('nodepools.pricing')) },
    },
    reminders:
      settings.reminders && options.notifications
        ? new ReviewReminders({
            store: stores.governance,
            notifications: options.notifications,
            reviewPeriodDays: settings.options.reviewPeriodDays,
            logger,
          })
        : undefined,
    inventoryReady: async () => {
      const ran = new Set((await stores.pools.listSources()).filter(s => s.lastRunAt).map(s => s.id));
      return options.poolSourceIds.every(id => ran.has(id));
    },
  });
  if (settings.enabled) await governance.schedule(settings.schedule);
  return governance;
}
