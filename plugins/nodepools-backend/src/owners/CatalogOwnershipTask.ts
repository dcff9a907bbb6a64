import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { OwnerStore } from '../store/owners/OwnerStore';
import type { CatalogLookups } from './catalogLookups';

export const CATALOG_OWNERSHIP_TASK_ID = 'nodepools-catalog-ownership';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 30 },
};

export interface CatalogOwnershipConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** `nodepools.ownership.catalog`: whether owners are checked against the catalog, and when. */
export function readCatalogOwnershipConfig(config: Config): CatalogOwnershipConfig {
  const catalog = config.getOptionalConfig('nodepools.ownership.catalog');
  const schedule = catalog?.getOptionalConfig('schedule');
  return {
    enabled: catalog?.getOptionalBoolean('enabled') ?? true,
    schedule: schedule ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule) : DEFAULT_SCHEDULE,
  };
}

/**
 * Reads what the catalog says about pools' owners, as one global task:
 * its `kubernetes-cluster` Resources (whose owner a pool with no owner of
 * its own takes at its next sync) and whether each owner of a pool is a
 * catalog Group or User. When the catalog cannot be read, what was read
 * last stays.
 */
export class CatalogOwnershipTask {
  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      owners: OwnerStore;
      lookups: Pick<CatalogLookups, 'clusterEntities' | 'ownerStatuses'>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async schedule(schedule: SchedulerServiceTaskScheduleDefinition): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      ...schedule,
      id: CATALOG_OWNERSHIP_TASK_ID,
      scope: 'global',
      fn: () => this.run(),
    });
  }

  /** One check; resolves whether or not the catalog answered (failures are logged). */
  async run(): Promise<void> {
    const { owners, lookups, logger } = this.deps;
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    try {
      const clusters = await lookups.clusterEntities();
      await owners.replaceCatalogClusters(clusters, at);
      const refs = await owners.listPoolOwners();
      const statuses = await lookups.ownerStatuses(refs);
      await owners.replaceOwnerStatuses(statuses, at);
      const unknown = statuses.filter(s => s.status === 'unknown').map(s => s.ownerRef);
      logger.info(
        `Checked pool owners against the catalog: ${clusters.length} cluster entities, ${
          refs.length - unknown.length
        } of ${refs.length} owners are catalog groups or users${
          unknown.length ? `; unknown: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}` : ''
        }`,
      );
    } catch (error) {
      logger.warn(
        `Could not check pool owners against the catalog; the last check stays: ${(error as Error).message}`,
      );
    }
  }
}
