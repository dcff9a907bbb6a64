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
import { ClusterConnector } from './sources/kubernetes';
import { appRootDir } from './sources/createSources';
import {
  clusterTriageCollectors,
  fileTriageCollectors,
} from './triage/collectors';
import { runTriage } from './triage/runTriage';
import { DatabaseTriageStore } from './triage/TriageStore';

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
        const triageStore = new DatabaseTriageStore(await database.getClient());
        // One connector, so every reader of a cluster shares its cached token.
        const connector = new ClusterConnector();
        const sync = new SyncScheduler({
          scheduler,
          store,
          ownership: readOwnershipConfig(config),
          logger,
        });
        const sources = [
          ...createSources(config, { logger, connector }),
          ...addedSources.map(({ source, schedule }) => ({
            source,
            schedule: schedule ?? readSchedule(config),
          })),
        ];
        for (const { source, schedule } of sources) {
          await sync.schedule(source, schedule);
        }
        const triageCollectors = [
          ...fileTriageCollectors(config, appRootDir()),
          ...clusterTriageCollectors(config, connector),
        ];
        if (triageCollectors.length) {
          await scheduler.scheduleTask({
            ...readSchedule(config, config.getOptionalConfig('nodepools.triage.schedule')),
            id: 'nodepools-triage',
            scope: 'global',
            fn: async signal => {
              await runTriage({
                collectors: triageCollectors,
                store,
                triageStore,
                logger: logger.child({ task: 'nodepools-triage' }),
                signal: signal as AbortSignal,
              });
            },
          });
        }
        httpRouter.use(
          await createRouter({
            store,
            triageStore,
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
