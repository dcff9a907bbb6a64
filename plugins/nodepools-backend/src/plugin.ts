import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { registerNodepoolActions } from './actions/registerActions';
import {
  nodepoolsDesiredStateExtensionPoint,
  type DesiredStateSource,
} from '@nodepools/plugin-nodepools-node';
import { setupDrift } from './drift/setupDrift';
import { setupGovernance } from './governance/setupGovernance';
import { setupSignals } from './signals';
import { nodepoolsSourcesExtensionPoint } from './extensions';
import { readStalenessConfig } from './inventory/freshness';
import { readHistoryRetention } from './inventory/historyRetention';
import { MaintenanceScheduler } from './inventory/MaintenanceScheduler';
import { readOwnershipConfig } from './inventory/ownership';
import { readSourcePriorities } from './inventory/precedence';
import { readRemovedSourcesGracePeriod } from './inventory/removedSources';
import { SyncScheduler } from './inventory/SyncScheduler';
import { catalogOwnerHints } from './owners/catalogOwnerHints';
import { CatalogLookups } from './owners/catalogLookups';
import {
  CATALOG_OWNERSHIP_TASK_ID,
  CatalogOwnershipTask,
  readCatalogOwnershipConfig,
} from './owners/CatalogOwnershipTask';
import { PoolAccess, registerNodepoolPermissions } from './permissions';
import { readRequestsConfig } from './requests/config';
import { createRequestWorkflow } from './requests/createRequestWorkflow';
import { approvedRequestsSource } from './requests/desiredState';
import { ManualSyncLimiter, readManualSyncInterval } from './service/manualSyncLimit';
import { readListingCacheBytes } from './service/listingConfig';
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
import { readTriageLimits } from './triage/analysis/limits';
import { TriageAnalyzer } from './triage/analysis/TriageAnalyzer';
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
      addSource(source, schedule, options) {
        addedSources.push({ source, schedule, shards: options?.shards });
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
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
        urlReader: coreServices.urlReader,
      },
      async init({
        actionsRegistry,
        auth,
        cache,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        auditor,
        userInfo,
        notifications,
        urlReader,
      }) {
        const listingCacheBytes = readListingCacheBytes(config);
        const stores = await createStores({ database, logger, listingCacheBytes });
        const ruleset = registerNodepoolPermissions(permissionsRegistry, stores.pools);
        const access = new PoolAccess({ permissions, httpAuth, ruleset });
        registerNodepoolActions(actionsRegistry, {
          store: stores.pools,
          triageStore: stores.triage,
          driftStore: stores.drift,
          access,
        });
        const requests = createRequestWorkflow({
          pools: stores.pools,
          requests: stores.requests,
          config: readRequestsConfig(config),
          logger,
          auditor,
          catalog,
          notifications,
        });
        // One connector, so every reader of a cluster shares its cached token.
        const connector = new ClusterConnector();
        // Filled once the pool sources are scheduled; the comparison waits for each one's first run.
        const poolSourceIds: string[] = [];
        // The governance stage: the fleet's rules, costs and reviews, after syncs and drift changes.
        // Node usage, subnet headroom and real node prices, read beside the syncs for governance.
        const signals = await setupSignals({ config, database, scheduler, logger, pools: stores.pools });
        const governance = await setupGovernance({
          config,
          scheduler,
          stores,
          poolSourceIds,
          notifications,
          signals: signals.governance,
          logger,
        });
        // The drift stage: declarations read on their schedules, compared after every sync.
        const drift = await setupDrift({
          config,
          scheduler,
          store: stores.drift,
          onFindingsChanged: () => governance.requestRun(),
          pools: stores.pools,
          poolSourceIds,
          logger,
          urlReader,
          baseDir: appRootDir(),
          // Approved requests are the desired state of the pools they created.
          added: [...addedDesired, { source: approvedRequestsSource(requests.approvedRequestsAsDesired) }],
        });

        const catalogOwnership = readCatalogOwnershipConfig(config);
        const catalogHints = catalogOwnership.enabled ? catalogOwnerHints(stores.owners) : undefined;
        const sync = new SyncScheduler({
          scheduler,
          store: stores.pools,
          ownership: readOwnershipConfig(config),
          ownerHints: async () => {
            const reviewed = await governance.reviewedOwners();
            return {
              ...(catalogHints ? await catalogHints() : {}),
              // An approved request's owner, else the group a review last handed the pool to.
              requestedOwner: (spec: PoolSpec) => requests.ownerIndex.ownerOf(spec) ?? reviewed(spec),
            };
          },
          staleness: readStalenessConfig(config),
          priorities: readSourcePriorities(config),
          logger,
          hooks: { beforeSync: requests.refreshOwners, afterSync: async () => { await requests.detect(); } },
          onSynced: () => {
            drift.requestRun();
            governance.requestRun();
          },
        });
        const triageSchedule = readSchedule(
          config,
          config.getOptionalConfig('nodepools.triage.schedule'),
        );
        const snapshots = readSnapshotFiles(config);
        const kubernetesSettings = readKubernetesSourceSettings(config);
        const sources = [
          ...createSources(config, { logger, connector }),
          ...addedSources.map(({ source, schedule, shards }) => ({
            source,
            schedule: schedule ?? readSchedule(config),
            shards,
          })),
          // Saved snapshots' nodes, on the triage schedule: one cluster's view, wherever it is read from.
          ...(snapshots.length
            ? [
                {
                  source: new SnapshotNodesSource(
                    snapshots,
                    appRootDir(),
                    kubernetesSettings.poolLabelKeys,
                    kubernetesSettings.workloadLabelKeys,
                  ),
                  schedule: triageSchedule,
                },
              ]
            : []),
        ];
        for (const { source, schedule, shards } of sources) {
          await sync.schedule(signals.observe(source), schedule, { shards });
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
        await requests.schedule(scheduler, readSchedule(config));

        if (catalogOwnership.enabled) {
          await new CatalogOwnershipTask({
            scheduler,
            owners: stores.owners,
            lookups: new CatalogLookups(catalog, auth),
            logger: logger.child({ task: CATALOG_OWNERSHIP_TASK_ID }),
          }).schedule(catalogOwnership.schedule);
        }

        // Every analysis runs in a thread of its own, within these limits.
        const analyzer = new TriageAnalyzer(readTriageLimits(config));
        const triage = new TriageScheduler({
          scheduler,
          pools: stores.pools,
          triage: stores.triage,
          analyzer,
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
            triageAnalyzer: analyzer,
            httpAuth,
            logger,
            access,
            syncLimiter: new ManualSyncLimiter(cache, readManualSyncInterval(config)),
            triggerSync: id => sync.trigger(id),
            nextRunAt: (id, lastRunAt) => sync.nextRunAt(id, lastRunAt),
            tombstoneAt: removedAt => maintenance.tombstoneAt(removedAt),
            catalog: {
              feed: stores.feed,
              workloads: stores.workloads,
              workloadLabelKeys: kubernetesSettings.workloadLabelKeys,
            },
            compressedCacheBytes: Math.round(listingCacheBytes / 4),
            drift: { store: stores.drift, userInfo, permissions },
            governance: {
              store: stores.governance,
              userInfo,
              reviewPeriodDays: governance.options.reviewPeriodDays,
              reviewed: refs => governance.reviewed(refs),
            },
            requests: { service: requests.service, httpAuth, userInfo, permissions },
          }),
        );
      },
    });
  },
});
