import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import {
  nodepoolRawReadPermission,
  type NodePool,
} from '@nodepools/plugin-nodepools-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import {
  devPermissionPolicyModule,
  type DevPolicyMode,
} from '../../dev/devPermissionPolicy';
import { nodepoolsPlugin } from '../plugin';
import { createStoresFromKnex } from '../store/createStores';
import { seedFleet } from './__testUtils__/fleet';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const PAYMENTS = 'group:default/team-payments';
/** What another backend (the catalog module, a script) presents: a static external access token. */
const SERVICE_TOKEN = 'nodepools-test-service-token';
const service = `Bearer ${SERVICE_TOKEN}`;

/**
 * A backend as an app runs it, but for the policy: real sign-in (the
 * guest provider, whose user is in team-payments), real tokens between
 * plugins, the real permission backend with the dev policy and the real
 * permissions service with `permission.enabled: true`.
 */
async function start() {
  const knex = await databases.init('SQLITE_3');
  const { pools } = await createStoresFromKnex(knex);
  await seedFleet(pools);
  const all = (await pools.listPools({ limit: 500 })).items;
  let mode: DevPolicyMode = 'owner';
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      permissionPlugin,
      devPermissionPolicyModule(() => mode),
      authPlugin,
      guestProvider,
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      // The seeded database for nodepools, one of its own for every other plugin.
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        async factory({ plugin }) {
          return mockServices.database({
            knex: plugin.getId() === 'nodepools' ? knex : await databases.init('SQLITE_3'),
          });
        },
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          permission: { enabled: true },
          backend: {
            auth: {
              externalAccess: [
                { type: 'static', options: { token: SERVICE_TOKEN, subject: 'test-service' } },
              ],
            },
          },
          auth: {
            providers: {
              guest: {
                dangerouslyAllowOutsideDevelopment: true,
                userEntityRef: 'user:default/dana',
                ownershipEntityRefs: ['user:default/dana', PAYMENTS],
              },
            },
          },
        },
      }),
    ],
  });
  const refresh = await request(server).get('/api/auth/guest/refresh');
  expect(refresh.status).toBe(200);
  const user = `Bearer ${refresh.body.backstageIdentity.token}`;
  return {
    server,
    user,
    all,
    setMode(next: DevPolicyMode) {
      mode = next;
    },
  };
}

describe('nodepools behind the permission backend', () => {
  it('gives users the pools of their groups and other backends every pool', async () => {
    const { server, all, user } = await start();
    const owned = all.filter(p => p.owner === PAYMENTS).map(p => p.ref).sort();

    const mine = await request(server).get('/api/nodepools/pools?limit=100').set('Authorization', user);
    expect(mine.status).toBe(200);
    expect(mine.body.totalCount).toBe(owned.length);
    expect(mine.body.items.map((p: NodePool) => p.ref).sort()).toEqual(owned);

    // A service principal (the catalog module, a scheduled job) is allowed whatever the policy says of users.
    const everything = await request(server).get('/api/nodepools/pools?limit=1').set('Authorization', service);
    expect(everything.body.totalCount).toBe(all.length);

    const userSync = await request(server).post('/api/nodepools/sources/files/sync').set('Authorization', user);
    expect(userSync.status).toBe(403);
    const serviceSync = await request(server).post('/api/nodepools/sources/files/sync').set('Authorization', service);
    // Allowed: the source is not configured in this backend, so it is a 404 past the permission check.
    expect(serviceSync.status).toBe(404);
  });

  it('lets the permission backend apply pool conditions by ref, as the frontend asks them', async () => {
    const { server, all, user } = await start();
    const mine = all.find(p => p.owner === PAYMENTS)!;
    const theirs = all.find(p => p.owner && p.owner !== PAYMENTS)!;
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', user)
      .send({
        items: [
          { id: 'mine', permission: nodepoolRawReadPermission, resourceRef: mine.ref },
          { id: 'theirs', permission: nodepoolRawReadPermission, resourceRef: theirs.ref },
          { id: 'gone', permission: nodepoolRawReadPermission, resourceRef: 'eks/1/r/c/nope' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: 'mine', result: 'ALLOW' },
      { id: 'theirs', result: 'DENY' },
      { id: 'gone', result: 'DENY' },
    ]);
  });

  it('follows a policy switched while the backend runs', async () => {
    const { server, all, user, setMode } = await start();
    const ref = encodeURIComponent(all.find(p => p.owner === PAYMENTS)!.ref);
    const own = await request(server).get(`/api/nodepools/pools/${ref}`).set('Authorization', user);
    expect(own.body.raw).toBeDefined();

    setMode('viewer');
    const viewed = await request(server).get(`/api/nodepools/pools/${ref}`).set('Authorization', user);
    expect(viewed.status).toBe(200);
    expect(viewed.body).not.toHaveProperty('raw');
    const count = await request(server).get('/api/nodepools/pools?limit=1').set('Authorization', user);
    expect(count.body.totalCount).toBe(all.length);

    setMode('deny');
    const denied = await request(server).get('/api/nodepools/pools').set('Authorization', user);
    expect(denied.status).toBe(403);
  });

  it('publishes its rules with their parameter schemas', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/nodepools/.well-known/backstage/permissions/metadata')
      .set('Authorization', service);
    expect(res.status).toBe(200);
    const rules = Object.fromEntries(
      res.body.rules.map((r: { name: string; paramsSchema: unknown }) => [r.name, r.paramsSchema]),
    );
    expect(Object.keys(rules).sort()).toEqual(['HAS_PROVIDER', 'IN_CLUSTER', 'IS_OWNER']);
    expect(rules.IS_OWNER).toMatchObject({
      type: 'object',
      properties: { claims: { type: 'array', items: { type: 'string' } } },
      required: ['claims'],
    });
    expect(res.body.permissions.map((p: { name: string }) => p.name).sort()).toEqual([
      'nodepool.drift.acknowledge',
      'nodepool.raw.read',
      'nodepool.read',
      'nodepool.request.approve',
      'nodepool.request.create',
      'nodepool.review.confirm',
      'nodepool.source.sync',
      'nodepool.triage.analyze',
    ]);
  });
});
