import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import type { SchedulerService, ServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
// The real nodepools backend beside the real catalog: what the provider reads over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import nodepoolsPlugin from '@nodepools/plugin-nodepools-backend';
import { nodepoolsSourcesExtensionPoint } from '@nodepools/plugin-nodepools-node';
import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { hostilePoolSpecs } from './__testUtils__/hostilePools';
import { catalogModuleNodePools } from './module';

jest.setTimeout(180_000);

type Scheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
};

function spec(name: string, overrides: Partial<PoolSpec> = {}): PoolSpec {
  return {
    provider: 'eks',
    account: '111122223333',
    region: 'us-east-1',
    cluster: 'payments-prod',
    name,
    mode: 'user',
    os: 'linux',
    machineTypes: ['m6i.xlarge'],
    capacityType: 'on-demand',
    nodeCount: 3,
    autoscaling: { enabled: true, min: 2, max: 6 },
    labels: {},
    taints: [],
    zones: [],
    tags: { owner: 'team-payments' },
    raw: { nodegroupName: name },
    ...overrides,
  };
}

/** The pools the test's source lists on its next run. */
let listed: PoolSpec[] = [];

const testSource = createBackendModule({
  pluginId: 'nodepools',
  moduleId: 'test-source',
  register(env) {
    env.registerInit({
      deps: { sources: nodepoolsSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSource(
          {
            id: 'test',
            kind: 'test',
            target: 'pools of the test',
            async list() {
              return [{ scope: 'test', complete: true, pools: listed }];
            },
          },
          { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
        );
      },
    });
  },
});

/** The catalog's own entities: a team, and a cluster Resource named by its annotation. */
function catalogFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nodepools-catalog-'));
  const file = path.join(dir, 'catalog.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata: { name: team-payments }',
      'spec: { type: team, children: [] }',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      '  name: search-cluster',
      '  annotations: { nodepools.io/cluster-ref: search-staging }',
      'spec: { type: kubernetes-cluster, owner: team-search }',
    ].join('\n'),
  );
  return file;
}

async function start() {
  const scheduler = mockServices.scheduler() as Scheduler;
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const backend = await startTestBackend({
    features: [
      logger.factory,
      catalogPlugin,
      catalogModuleNodePools,
      nodepoolsPlugin,
      testSource,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://backstage.example.com' },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Group', 'User'] }],
            locations: [{ type: 'file', target: catalogFile() }],
          },
          nodepools: { ownership: { catalog: { enabled: false } } },
        },
      }),
    ],
  });
  /** What the provider said it sent to the catalog, one line per refresh. */
  const mutations = () =>
    logger.info.mock.calls
      .map(([message]) => String(message))
      .filter(message => message.startsWith('nodepools-provider:default:'))
      .map(message => message.replace(/ \(read .*$/, ''));
  return { server: backend.server, scheduler, mutations };
}

type Server = Awaited<ReturnType<typeof start>>['server'];

async function getEntity(server: Server, name: string): Promise<Entity | undefined> {
  const res = await request(server)
    .get(`/api/catalog/entities/by-name/resource/default/${name}`)
    .set('Authorization', mockCredentials.user.header());
  return res.status === 200 ? res.body : undefined;
}

/** Waits (bounded) until the catalog has processed an entity into the state `done` accepts. */
async function waitForEntity(
  server: Server,
  name: string,
  done: (entity: Entity | undefined) => boolean,
): Promise<Entity | undefined> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const entity = await getEntity(server, name);
    if (done(entity)) return entity;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`entity ${name} never reached the expected state; last: ${JSON.stringify(await getEntity(server, name))}`);
}

const relationsOf = (entity: Entity | undefined) =>
  (entity?.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

describe('the nodepools entity provider in a catalog', () => {
  it('publishes pools with their relations, updates a changed one, and removes a tombstoned one', async () => {
    listed = [
      spec('general'),
      spec('spot', { capacityType: 'spot', tags: {} }),
      spec('default', { provider: 'karpenter', cluster: 'search-staging', region: 'eu-west-1' }),
    ];
    const { server, scheduler, mutations } = await start();
    // The catalog has read its own entities before the provider first runs.
    await waitForEntity(server, 'search-cluster', Boolean);
    await scheduler.triggerTask('nodepools-sync:test');
    await scheduler.triggerTask('nodepools-provider:default:refresh');

    const general = await waitForEntity(server, 'payments-prod-general', e => Boolean(e?.relations?.length));
    expect(general!.spec).toEqual({
      type: 'node-pool',
      owner: 'group:default/team-payments',
      dependencyOf: ['resource:default/payments-prod'],
    });
    expect(relationsOf(general)).toEqual([
      'dependencyOf resource:default/payments-prod',
      'ownedBy group:default/team-payments',
    ]);
    expect(general!.metadata.annotations).toMatchObject({
      'nodepools.io/pool-ref': 'eks/111122223333/us-east-1/payments-prod/general',
      'backstage.io/view-url':
        'https://backstage.example.com/nodepools/pools/eks%2F111122223333%2Fus-east-1%2Fpayments-prod%2Fgeneral',
    });
    const cluster = await waitForEntity(server, 'payments-prod', e => relationsOf(e).length === 3);
    expect(relationsOf(cluster)).toEqual([
      'dependsOn resource:default/payments-prod-general',
      'dependsOn resource:default/payments-prod-spot',
      'ownedBy group:default/team-payments',
    ]);
    // A pool with no owner gets the default one; the catalog's own cluster entity is used, not emitted.
    const spot = await waitForEntity(server, 'payments-prod-spot', e => Boolean(e?.relations?.length));
    expect(relationsOf(spot)).toEqual(['dependencyOf resource:default/payments-prod', 'ownedBy group:default/unowned']);
    const searchPool = await waitForEntity(server, 'search-staging-default', e => Boolean(e?.relations?.length));
    expect(searchPool!.spec!.dependencyOf).toEqual(['resource:default/search-cluster']);
    expect(await getEntity(server, 'search-staging')).toBeUndefined();

    // A change reaches the catalog as a delta of the changed entities only.
    listed = [
      spec('general', { tags: { owner: 'team-checkout' } }),
      spec('spot', { capacityType: 'spot', tags: {} }),
      spec('default', { provider: 'karpenter', cluster: 'search-staging', region: 'eu-west-1' }),
    ];
    await scheduler.triggerTask('nodepools-sync:test');
    await scheduler.triggerTask('nodepools-provider:default:refresh');
    const changed = await waitForEntity(
      server,
      'payments-prod-general',
      e => e?.spec?.owner === 'group:default/team-checkout',
    );
    expect(relationsOf(changed)).toContain('ownedBy group:default/team-checkout');
    // The pool and its cluster (owned by most of its pools), nothing else.
    expect(mutations().slice(-1)).toEqual([
      'nodepools-provider:default: delta of 2 added or changed and 0 removed entities for 1 changed pools',
    ]);

    // A pool its source no longer lists is tombstoned, and leaves the catalog.
    listed = [spec('general', { tags: { owner: 'team-checkout' } }), listed[2]];
    await scheduler.triggerTask('nodepools-sync:test');
    await scheduler.triggerTask('nodepools-provider:default:refresh');
    await waitForEntity(server, 'payments-prod-spot', e => e === undefined);
    expect(await getEntity(server, 'payments-prod-general')).toBeDefined();
    expect(mutations()).toEqual([
      'nodepools-provider:default: full mutation of 4 entities for 3 pools',
      'nodepools-provider:default: delta of 2 added or changed and 0 removed entities for 1 changed pools',
      'nodepools-provider:default: delta of 0 added or changed and 1 removed entities for 1 changed pools',
    ]);
  });

  it('has the catalog accept and process pools with hostile names', async () => {
    listed = hostilePoolSpecs(300);
    const { server, scheduler } = await start();
    await scheduler.triggerTask('nodepools-sync:test');
    await scheduler.triggerTask('nodepools-provider:default:refresh');
    const count = async (type: string) => {
      const res = await request(server)
        .get(`/api/catalog/entities/by-query?filter=kind=resource,spec.type=${type}&limit=1`)
        .set('Authorization', mockCredentials.user.header());
      return res.body.totalItems as number;
    };
    for (let attempt = 0; attempt < 600 && (await count('node-pool')) < 300; attempt++) {
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    expect(await count('node-pool')).toBe(300);
    // Every pool depends on a cluster entity the catalog has.
    const list = async (type: string): Promise<Entity[]> =>
      (
        await request(server)
          .get(`/api/catalog/entities/by-query?filter=kind=resource,spec.type=${type}&limit=1000`)
          .set('Authorization', mockCredentials.user.header())
      ).body.items;
    const clusters = new Set((await list('kubernetes-cluster')).map(e => `resource:default/${e.metadata.name}`));
    const targets = new Set((await list('node-pool')).flatMap(e => e.spec!.dependencyOf as string[]));
    expect(clusters.size).toBeGreaterThan(1);
    expect([...targets].filter(t => !clusters.has(t))).toEqual([]);
  });
});
