import type {
  AuditorService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { defaultMachineCatalog, type DesiredPool, type MachineCatalog } from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { RequestStore } from '../store/RequestStore';
import type { RequestsConfig } from './config';
import { approvedRequestsAsDesired } from './desiredState';
import { detectProvisioning, type DetectionSummary } from './detectProvisioning';
import { RequestNotifier } from './notifier';
import { RequestOwnerIndex } from './ownerIndex';
import { RequestService } from './RequestService';
import { RequestValidator } from './validation';

export const PROVISIONING_TASK_ID = 'nodepools-request-provisioning';

export interface RequestWorkflow {
  service: RequestService;
  ownerIndex: RequestOwnerIndex;
  /** Links approved requests to the pools the inventory now has; runs after each sync and on its own schedule. */
  detect(): Promise<DetectionSummary>;
  /** Refreshes the owners approved requests give their pools; runs before each sync. */
  refreshOwners(): Promise<void>;
  approvedRequestsAsDesired(): Promise<DesiredPool[]>;
  schedule(scheduler: SchedulerService, schedule: SchedulerServiceTaskScheduleDefinition): Promise<void>;
}

/** The pool request workflow and its provisioning-detection stage, over the plugin's stores. */
export function createRequestWorkflow(deps: {
  pools: PoolStore;
  requests: RequestStore;
  config: RequestsConfig;
  logger: LoggerService;
  auditor?: AuditorService;
  catalog?: CatalogService;
  notifications?: NotificationService;
  machines?: MachineCatalog;
  now?: () => Date;
}): RequestWorkflow {
  const machines = deps.machines ?? defaultMachineCatalog();
  const logger = deps.logger.child({ stage: 'requests' });
  const validator = new RequestValidator({
    pools: deps.pools,
    requests: deps.requests,
    catalog: deps.catalog,
    machines,
    config: deps.config,
    logger,
    now: deps.now && (() => deps.now!().getTime()),
  });
  const notifier = new RequestNotifier({ notifications: deps.notifications, logger });
  const service = new RequestService({
    requests: deps.requests,
    pools: deps.pools,
    validator,
    notifier,
    auditor: deps.auditor,
    machines,
    config: deps.config,
    logger,
    now: deps.now,
  });
  const ownerIndex = new RequestOwnerIndex();
  const detect = () =>
    detectProvisioning({ requests: deps.requests, pools: deps.pools, service, expireAfterMs: deps.config.expireAfterMs, logger, now: deps.now });
  return {
    service,
    ownerIndex,
    detect,
    refreshOwners: () => ownerIndex.refresh(deps.requests),
    approvedRequestsAsDesired: () => approvedRequestsAsDesired({ requests: deps.requests, catalog: machines, logger }),
    async schedule(scheduler, schedule) {
      await scheduler.scheduleTask({
        ...schedule,
        id: PROVISIONING_TASK_ID,
        scope: 'global',
        fn: async () => {
          await detect();
        },
      });
    },
  };
}
