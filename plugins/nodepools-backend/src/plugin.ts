import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readOwnershipConfig } from './inventory/ownership';
import { SyncScheduler } from './inventory/SyncScheduler';
import { createRouter } from './service/router';
import { createSources } from './sources/createSources';
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
        for (const { source, schedule } of createSources(config, { logger })) {
          await sync.schedule(source, schedule);
        }
        httpRouter.use(
          await createRouter({
            store,
            httpAuth,
            logger,
            triggerSync: id => sync.trigger(id),
          }),
        );
      },
    });
  },
});
