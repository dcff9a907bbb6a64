import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  nodepoolsDesiredStateExtensionPoint,
  type DesiredStateSource,
} from '@nodepools/plugin-nodepools-node';
import { setupDrift } from './drift/setupDrift';
import { nodepoolsSourcesExtensionPoint } from './extensions';
import { readStalenessConfig } from './inventory/freshness';
import { readHistoryRetention } from './inventory/historyRetention';
import { MaintenanceScheduler } from './inventory/MaintenanceScheduler';
import { readOwnershipConfig } from './inventory/ownership';
import { readSourcePriorities } from './inventory/precedence';
import { readRemovedSourcesGracePeriod } from './inventory/removedSources';
import { SyncScheduler } from './inventory/SyncScheduler';
import { createRouter } from './service/router';
import {
  appRootDir,
  createSources,
  readSchedule,
  ScheduledSource,
} from './sources/createSources';
import { ClusterConnector, readKubernetesSourceSettings } from './sources/kubernetes';
import { createStores } from './store/createStores';
import {
  clusterTriageCollectors,
  fileTriageCollectors,
} from './triage/collectors';
import { readSnapshotFiles } from './triage/snapshotFiles';
import { SnapshotNodesSource } from './triage/SnapshotNodesSource';
import { TriageScheduler } from './triage/TriageScheduler';

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
    const addedDesired: Array<{ source: DesiredStateSource; schedule?: ScheduledSource['schedule'] }> = [];
    env.registerExtensionPoint(nodepoolsDesiredStateExtensionPoint, {
      addDesiredStateSource(source, schedule) {
        addedDesired.push({ source, schedule });
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        userInfo: coreServices.userInfo,
      },
      async init({ config, database, httpAuth, httpRouter, logger, permissions, scheduler, urlReader, userInfo }) {
        const stores = await createStores({ database, logger });
        // One connector, so every reader of a cluster shares its cached token.
        const connector = new ClusterConnector();
        // Filled once the pool sources are scheduled; the comparison waits for each one's first run.
        const poolSourceIds: string[] = [];
        // The drift stage: declarations read on their schedules, compared after every sync.
        const drift = await setupDrift({
          config,
          scheduler,
          store: stores.drift,
          pools: stores.pools,
          poolSourceIds,
          logger,
          urlReader,
          baseDir: appRootDir(),
          added: addedDesired,
        });

        const sync = new SyncScheduler({
          scheduler,
          store: stores.pools,
          ownership: readOwnershipConfig(config),
          staleness: readStalenessConfig(config),
          priorities: readSourcePriorities(config),
          logger,
          onSynced: () => drift.requestRun(),
        });
        const triageSchedule = readSchedule(
          config,
          config.getOptionalConfig('nodepools.triage.schedule'),
        );
        const snapshots = readSnapshotFiles(config);
        const sources = [
          ...createSources(config, { logger, connector }),
          ...addedSources.map(({ source, schedule }) => ({
            source,
            schedule: schedule ?? readSchedule(config),
          })),
          // Saved snapshots' nodes, on the triage schedule: one cluster's view, wherever it is read from.
          ...(snapshots.length
            ? [
                {
                  source: new SnapshotNodesSource(
                    snapshots,
                    appRootDir(),
                    readKubernetesSourceSettings(config).poolLabelKeys,
                  ),
                  schedule: triageSchedule,
                },
              ]
            : []),
        ];
        for (const { source, schedule } of sources) {
          await sync.schedule(source, schedule);
        }
        poolSourceIds.push(...sync.sourceIds());

        const maintenance = new MaintenanceScheduler({
          scheduler,
          store: stores.pools,
          logger,
          removedSourcesGracePeriodMs: readRemovedSourcesGracePeriod(config),
        });
        await maintenance.scheduleRemovedSources(() => sync.sourceIds(), readSchedule(config));
        await maintenance.scheduleHistoryRetention(readHistoryRetention(config));

        const triage = new TriageScheduler({
          scheduler,
          pools: stores.pools,
          triage: stores.triage,
          logger,
        });
        await triage.schedule(
          [
            ...fileTriageCollectors(snapshots, appRootDir()),
            ...clusterTriageCollectors(config, connector),
          ],
          triageSchedule,
        );

        httpRouter.use(
          await createRouter({
            store: stores.pools,
            triageStore: stores.triage,
            httpAuth,
            logger,
            triggerSync: id => sync.trigger(id),
            nextRunAt: (id, lastRunAt) => sync.nextRunAt(id, lastRunAt),
            tombstoneAt: removedAt => maintenance.tombstoneAt(removedAt),
            drift: { store: stores.drift, userInfo, permissions },
          }),
        );
      },
    });
  },
});
