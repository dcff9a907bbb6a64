import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { nodepoolsSourcesExtensionPoint } from '@nodepools/plugin-nodepools-node';
import request from 'supertest';
import { syncTaskId } from '../inventory/SyncScheduler';
import { nodepoolsPlugin } from '../plugin';
import { controllableScheduler } from '../__testUtils__/controllableScheduler';
import { makePoolSpec } from '../testing/makePoolSpec';
import { CATALOG_OWNERSHIP_TASK_ID } from './CatalogOwnershipTask';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });

function entity(kind: string, name: string, spec: JsonObject = {}, annotations = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

const CATALOG: Entity[] = [
  entity('Group', 'team-payments', { type: 'team', children: [] }),
  entity('Group', 'platform', { type: 'team', children: [] }),
  entity('User', 'jane', { memberOf: [] }),
  entity('Component', 'team-web', { type: 'service', lifecycle: 'production', owner: 'platform' }),
  // The catalog's own entity of the cluster, matched by its annotation.
  entity(
    'Resource',
    'payments-prod',
    { type: 'kubernetes-cluster', owner: 'platform' },
    { 'nodepools.io/cluster-ref': 'eks/111122223333/eu-west-1/payments-prod' },
  ),
  // An entity the nodepools catalog module emitted: its owner is nobody's word.
  entity(
    'Resource',
    'search',
    { type: 'kubernetes-cluster', owner: 'group:default/team-payments' },
    {
      'nodepools.io/cluster-ref': 'eks/111122223333/eu-west-1/search',
      'backstage.io/managed-by-origin-location': 'nodepools:nodepools-provider:default',
    },
  ),
];

const pools = [
  makePoolSpec({ name: 'tagged', tags: { owner: 'team-payments' } }),
  makePoolSpec({ name: 'user-owned', tags: { owner: 'user:jane' } }),
  makePoolSpec({ name: 'component-owned', tags: { owner: 'component:team-web' } }),
  makePoolSpec({ name: 'nobodys', tags: {}, labels: {} }),
  makePoolSpec({ cluster: 'search', name: 'default', tags: {}, labels: {} }),
];

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
              return [{ scope: 'test', complete: true, pools }];
            },
          },
          { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
        );
      },
    });
  },
});

describe('owners checked against the catalog', () => {
  it.each(databases.eachSupportedId())(
    "take the cluster entity's owner last, and flag owners that are no catalog group or user, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const scheduler = controllableScheduler();
      const { server } = await startTestBackend({
        features: [
          nodepoolsPlugin,
          testSource,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: {} }),
          scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities: CATALOG }),
        ],
      });
      const listOwners = async () => {
        const res = await request(server)
          .get('/api/nodepools/pools?sort=name')
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        return res.body.items.map((p: Record<string, string>) => [
          `${p.cluster}/${p.name}`,
          p.owner,
          p.ownerSource,
          p.ownerStatus,
        ]);
      };

      // The catalog's clusters are read first, then the pools are synced against them.
      await scheduler.triggerTask(CATALOG_OWNERSHIP_TASK_ID);
      await scheduler.triggerTask(syncTaskId('test'));
      expect(await listOwners()).toEqual([
        ['payments-prod/component-owned', 'component:default/team-web', 'tag', 'unchecked'],
        ['search/default', undefined, undefined, 'none'],
        ['payments-prod/nobodys', 'group:default/platform', 'catalog', 'unchecked'],
        ['payments-prod/tagged', 'group:default/team-payments', 'tag', 'unchecked'],
        ['payments-prod/user-owned', 'user:default/jane', 'tag', 'unchecked'],
      ]);

      await scheduler.triggerTask(CATALOG_OWNERSHIP_TASK_ID);
      expect(await listOwners()).toEqual([
        ['payments-prod/component-owned', 'component:default/team-web', 'tag', 'unknown'],
        ['search/default', undefined, undefined, 'none'],
        ['payments-prod/nobodys', 'group:default/platform', 'catalog', 'known'],
        ['payments-prod/tagged', 'group:default/team-payments', 'tag', 'known'],
        ['payments-prod/user-owned', 'user:default/jane', 'tag', 'known'],
      ]);
    },
  );

  it('keeps what it read last when the catalog cannot be reached', async () => {
    const knex = await databases.init('SQLITE_3');
    const scheduler = controllableScheduler();
    const byRef = new Map(CATALOG.map(e => [`${e.kind.toLowerCase()}:default/${e.metadata.name}`, e]));
    const catalog = catalogServiceMock.mock({
      getEntities: jest
        .fn()
        .mockResolvedValueOnce({ items: CATALOG.filter(e => e.kind === 'Resource') })
        .mockResolvedValueOnce({ items: CATALOG.filter(e => e.kind === 'Resource') })
        .mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:7007')),
      getEntitiesByRefs: jest.fn(async ({ entityRefs }: { entityRefs: string[] }) => ({
        items: entityRefs.map(ref => byRef.get(ref)),
      })),
    });
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const { server } = await startTestBackend({
      features: [
        nodepoolsPlugin,
        testSource,
        mockServices.database.factory({ knex }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        catalog.factory,
        logger.factory,
      ],
    });
    const statuses = async () => {
      const res = await request(server)
        .get('/api/nodepools/pools?sort=name')
        .set('Authorization', mockCredentials.user.header());
      return res.body.items.map((p: Record<string, string>) => [p.name, p.owner, p.ownerStatus]);
    };
    await scheduler.triggerTask(CATALOG_OWNERSHIP_TASK_ID);
    await scheduler.triggerTask(syncTaskId('test'));
    await scheduler.triggerTask(CATALOG_OWNERSHIP_TASK_ID);
    const checked = await statuses();
    expect(checked).toContainEqual(['nobodys', 'group:default/platform', 'known']);

    // The catalog is down: the next check fails, and a sync still has the cluster's owner.
    await scheduler.triggerTask(CATALOG_OWNERSHIP_TASK_ID);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not check pool owners against the catalog; the last check stays: connect ECONNREFUSED 127.0.0.1:7007',
    );
    await scheduler.triggerTask(syncTaskId('test'));
    expect(await statuses()).toEqual(checked);
  });
});
