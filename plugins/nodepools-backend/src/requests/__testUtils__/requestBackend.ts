import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend, TestDatabases, type TestDatabaseId } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService, type NotificationService } from '@backstage/plugin-notifications-node';
import { DEFAULT_OWNER_KEYS, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import { preparePool } from '../../inventory/preparePool';
import { nodepoolsPlugin } from '../../plugin';
import { createStoresFromKnex, type Stores } from '../../store/createStores';
import { makePoolSpec } from '../../testing/makePoolSpec';

export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
export const PLATFORM = 'group:default/platform';

/** Who belongs to which groups; Bob and Carol own the payments cluster's pools through `platform`. */
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/payments'],
  [BOB]: [PLATFORM],
  [CAROL]: [PLATFORM],
};

const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };

export function group(name: string): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name, namespace: 'default' }, spec: { type: 'team', children: [] } };
}

export interface RequestBackendOptions {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  pools?: PoolSpec[];
  /** Which permissions a user is granted; all by default. */
  grant?: (permission: string, user: string) => boolean;
  /** Catalog entities; 'unavailable' makes every catalog call fail (no catalog backend). */
  catalog?: Entity[] | 'unavailable';
  notifications?: NotificationService;
  config?: Record<string, unknown>;
}

export interface RequestBackend {
  server: Parameters<typeof import('supertest')>[0];
  knex: Knex;
  stores: Stores;
  audited: Array<Record<string, unknown>>;
}

/** The nodepools backend over a real database with the payments cluster's pools, and mocked identity services. */
export async function startRequestBackend(options: RequestBackendOptions): Promise<RequestBackend> {
  const knex = await options.databases.init(options.databaseId);
  const stores = await createStoresFromKnex(knex);
  await stores.pools.applySync({
    source: { id: 'eks', kind: 'eks', target: 'eks' },
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:00:01.000Z',
    outcome: {
      listings: [
        {
          scope: 'eks:payments-prod',
          complete: true,
          pools: (options.pools ?? [makePoolSpec({ tags: { owner: 'platform' } })]).map(p => preparePool(p, ownership)),
        },
      ],
    },
  });
  const grant = options.grant ?? (() => true);
  const audited: Array<Record<string, unknown>> = [];
  const catalog =
    options.catalog === 'unavailable'
      ? createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock.mock({ getEntityByRef: async () => Promise.reject(new Error('connect ECONNREFUSED: no catalog backend')) }),
        })
      : catalogServiceMock.factory({ entities: options.catalog ?? [group('payments'), group('platform'), group('search')] });
  const features = [
    nodepoolsPlugin,
    mockServices.database.factory({ knex }),
    mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    mockServices.rootConfig.factory({ data: { app: { baseUrl: 'http://localhost:3000' }, ...(options.config ?? {}) } }),
    mockServices.permissions.mock({
      authorize: async (requests, { credentials }) => {
        const user = (credentials.principal as { userEntityRef?: string }).userEntityRef ?? '';
        return requests.map(r => ({ result: grant((r as { permission: { name: string } }).permission.name, user) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY }));
      },
    }).factory,
    mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const user = (credentials.principal as { userEntityRef: string }).userEntityRef;
        return { userEntityRef: user, ownershipEntityRefs: [user, ...(GROUPS[user] ?? [])] };
      },
    }).factory,
    mockServices.auditor.mock({
      createEvent: async event => {
        audited.push(event.meta ?? {});
        return { success: async () => {}, fail: async () => {} };
      },
    }).factory,
    catalog,
    ...(options.notifications
      ? [createServiceFactory({ service: notificationService, deps: {}, factory: () => options.notifications! })]
      : []),
  ];
  const { server } = await startTestBackend({ features });
  return { server, knex, stores, audited };
}
