import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { nodepoolsSourcesExtensionPoint } from './extensions';
import { readOwnershipConfig } from './inventory/ownership';
import { SyncScheduler } from './inventory/SyncScheduler';
import { createRouter } from './service/router';
import {
  createSources,
  readSchedule,
  ScheduledSource,
} from './sources/createSources';
import { DatabasePoolStore } from './store/DatabasePoolStore';

/**
 * The nodepools backend plugin: inventories node pools from the configured
 * sources into its database on a schedule, and serves them at /api/nodepools.
 *
 * @public
 */
export const nodepoolsPlugin = createBackendPlugin({
  pluginId: 'nodepools',
  register(env) {
    const addedSources: Array<Pick<ScheduledSource, 'source'> & Partial<ScheduledSource>> = [];
    env.registerExtensionPoint(nodepoolsSourcesExtensionPoint, {
      addSource(source, schedule) {
        addedSources.push({ source, schedule });
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ config, database, httpAuth, httpRouter, logger, scheduler }) {
        const store = await DatabasePoolStore.create({ database, logger });
        const sync = new SyncScheduler({
          scheduler,
          store,
          ownership: readOwnershipConfig(config),
          logger,
        });
        const sources = [
          ...createSources(config, { logger }),
          ...addedSources.map(({ source, schedule }) => ({
            source,
            schedule: schedule ?? readSchedule(config),
          })),
        ];
        for (const { source, schedule } of sources) {
          await sync.schedule(source, schedule);
        }
        httpRouter.use(
          await createRouter({
            store,
            httpAuth,
            logger,
            triggerSync: id => sync.trigger(id),
            nextRunAt: (id, lastRunAt) => sync.nextRunAt(id, lastRunAt),
          }),
        );
      },
    });
  },
});
