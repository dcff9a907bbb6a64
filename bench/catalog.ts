/*
 * Catalog benchmark: 10,000 pools into Backstage's catalog through the
 * nodepools entity provider. The real catalog backend, the real nodepools
 * backend and the catalog module run in one backend on SQLite (in memory,
 * as `startTestBackend` gives each plugin); the provider reads the
 * nodepools API over HTTP as in an app. Measured:
 *
 * - the first sync of 10,000 pools into the nodepools store;
 * - the provider's first run (every pool read, a full mutation);
 * - the catalog processing those entities until every pool is a processed
 *   entity with its relations (the time a user waits after a first sync);
 * - after one pool in a hundred changes owner: the sync, the provider's
 *   delta and the catalog until the changed entities show the new owner,
 *   and how many entities the delta mutated (target: only the changed ones).
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/catalog.ts [CLUSTERS]
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type SchedulerService,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleNodePools from '@nodepools/plugin-catalog-backend-module-nodepools';
import nodepoolsPlugin from '@nodepools/plugin-nodepools-backend';
import { nodepoolsSourcesExtensionPoint } from '@nodepools/plugin-nodepools-node';
import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import { capturingLogger } from './lib/catalog/capturingLogger';
import { fleet, POOLS_PER_CLUSTER, withChangedOwners } from './lib/catalog/fleet';
import { loadAverage, machineNote } from './lib/machine';
import { markdownTable } from './lib/markdown';
import { formatCount, formatMs } from './lib/stats';

const CLUSTERS = Number(process.argv[2] ?? 2000);
/** Every 20th cluster's first pool changes owner: one pool in a hundred. */
const CHANGE_STEP = 20;
const NEW_TEAM = 'team-new-owner';
const POLL_MS = 500;
const MAX_WAIT_MS = 30 * 60_000;
const PROVIDER_TASK = 'nodepools-provider:default:refresh';
const SYNC_TASK = 'nodepools-sync:bench';

type Scheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
  triggerTask(id: string): Promise<void>;
};

/** What the bench source lists on its next run. */
let listed: PoolSpec[] = [];

const benchSource = createBackendModule({
  pluginId: 'nodepools',
  moduleId: 'bench-source',
  register(env) {
    env.registerInit({
      deps: { sources: nodepoolsSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSource(
          {
            id: 'bench',
            kind: 'bench',
            target: 'generated pools',
            async list() {
              return [{ scope: 'fleet', complete: true, pools: listed }];
            },
          },
          { frequency: { hours: 24 }, timeout: { minutes: 30 } },
        );
      },
    });
  },
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

async function main() {
  const loadAtStart = loadAverage();
  const lines: string[] = [];
  const logger = capturingLogger(lines);
  const scheduler = mockServices.scheduler() as Scheduler;
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleNodePools,
      nodepoolsPlugin,
      benchSource,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({ service: coreServices.logger, deps: {}, factory: () => logger }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          catalog: { rules: [{ allow: ['Component', 'System', 'Resource', 'Location', 'Group', 'User'] }] },
          nodepools: { ownership: { catalog: { enabled: false } } },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}`;
  const count = async (filter: string): Promise<number> => {
    const response = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}&limit=1`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    if (!response.ok) throw new Error(`catalog query ${filter}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { totalItems: number }).totalItems;
  };
  /** Polls the catalog until `filter` matches `expected` entities. */
  const until = async (filter: string, expected: number) => {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const found = await count(filter);
      if (found === expected) return;
      if (found > expected || Date.now() > deadline) {
        throw new Error(`${filter}: ${found} entities, expected ${expected}`);
      }
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
    }
  };
  const providerLine = () => {
    const line = lines.filter(l => l.startsWith('nodepools-provider:default:')).pop();
    if (!line) throw new Error('the entity provider logged no run');
    return line;
  };

  try {
    listed = fleet(CLUSTERS);
    const pools = listed.length;
    const clusters = CLUSTERS;

    const firstSync = await timed(() => scheduler.triggerTask(SYNC_TASK));
    const firstRun = await timed(() => scheduler.triggerTask(PROVIDER_TASK));
    const fullLine = providerLine();
    const processed = await timed(async () => {
      await until('kind=resource,spec.type=node-pool', pools);
      await until('kind=resource,spec.type=kubernetes-cluster', clusters);
      // Stitched with relations: every pool depends on its cluster.
      await until('kind=resource,spec.type=node-pool,relations.dependencyof', pools);
    });

    listed = withChangedOwners(listed, CHANGE_STEP, NEW_TEAM);
    const changedPools = Math.ceil(clusters / CHANGE_STEP);
    const secondSync = await timed(() => scheduler.triggerTask(SYNC_TASK));
    const deltaRun = await timed(() => scheduler.triggerTask(PROVIDER_TASK));
    const deltaLine = providerLine();
    const deltaProcessed = await timed(() =>
      until(`kind=resource,spec.type=node-pool,spec.owner=group:default/${NEW_TEAM}`, changedPools),
    );
    const mutated = /delta of (\d+) added or changed and (\d+) removed entities for (\d+) changed pools/.exec(
      deltaLine,
    );
    if (!mutated) throw new Error(`the second run was not a delta: ${deltaLine}`);

    const ms = (n: number) => formatMs(n);
    console.log(`## Catalog: ${formatCount(pools)} pools through the entity provider\n`);
    console.log(
      `${formatCount(clusters)} clusters of ${POOLS_PER_CLUSTER} pools (${formatCount(pools)} pool and ` +
        `${formatCount(clusters)} cluster entities), the real catalog and nodepools backends on SQLite in ` +
        'one backend process, the provider reading the API over HTTP.\n',
    );
    console.log(
      markdownTable(
        ['Step', 'Time', 'What happened'],
        [
          ['First sync into the nodepools store', ms(firstSync.ms), `${formatCount(pools)} pools created`],
          ['Provider, first run (read every pool, full mutation)', ms(firstRun.ms), fullLine],
          ['Catalog processing until every entity is processed with its relations', ms(processed.ms), `${formatCount(pools + clusters)} entities`],
          ['**Sync to all entities processed**', `**${ms(firstSync.ms + firstRun.ms + processed.ms)}**`, ''],
          [`Sync of the ${formatCount(changedPools)} changed pools (1 %)`, ms(secondSync.ms), 'owner tag changed'],
          ['Provider, delta run (change feed, changed pools by ref)', ms(deltaRun.ms), deltaLine],
          ['Catalog until the changed entities show their new owner', ms(deltaProcessed.ms), ''],
          ['**Change to catalog, 1 % of pools**', `**${ms(secondSync.ms + deltaRun.ms + deltaProcessed.ms)}**`, ''],
        ],
      ),
    );
    const onlyChanged = Number(mutated[1]) === changedPools && Number(mutated[2]) === 0;
    console.log(
      `\nTarget, only the changed entities mutated: ${Number(mutated[1])} entities mutated for ` +
        `${Number(mutated[3])} changed pools (${changedPools} expected): ${onlyChanged ? 'met' : 'NOT met'}.`,
    );
    console.log(`\n${machineNote(loadAtStart)}`);
  } finally {
    await backend.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
