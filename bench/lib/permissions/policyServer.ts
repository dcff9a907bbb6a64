/*
 * The nodepools backend as an app with permissions runs it: real sign-in
 * (the guest provider, whose user is in the groups the benchmark names),
 * real tokens between plugins, the permission backend with the dev policy
 * switched through a file, on a database the benchmark seeded. Started by
 * permissions.ts through `startApiServer`; reports its port over IPC.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import permissionPlugin from '@backstage/plugin-permission-backend';
import nodepoolsPlugin from '@nodepools/plugin-nodepools-backend';
import knexFactory from 'knex';
import {
  devPermissionPolicyModule,
  modeFromFile,
} from '../../../plugins/nodepools-backend/dev/devPermissionPolicy';
import type { ServerReady } from '../apiServer';
import { openKnex, type DatabaseTarget } from '../databases';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main() {
  const target = JSON.parse(required('NODEPOOLS_BENCH_TARGET')) as DatabaseTarget;
  const ownership = JSON.parse(required('NODEPOOLS_BENCH_OWNERSHIP')) as string[];
  const knex = openKnex(target);
  // The other plugins' own tables stay out of the seeded store.
  const scratch = () =>
    knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const backend = await startTestBackend({
    features: [
      nodepoolsPlugin,
      permissionPlugin,
      devPermissionPolicyModule(modeFromFile(required('NODEPOOLS_DEV_POLICY_FILE'))),
      authPlugin,
      guestProvider,
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) =>
          mockServices.database({ knex: plugin.getId() === 'nodepools' ? knex : scratch() }),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          permission: { enabled: true },
          auth: {
            providers: {
              guest: {
                dangerouslyAllowOutsideDevelopment: true,
                userEntityRef: ownership[0],
                ownershipEntityRefs: ownership,
              },
            },
          },
        },
      }),
    ],
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await backend.stop();
    await knex.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  const ready: ServerReady = { type: 'nodepools-bench-ready', port: backend.server.port() };
  process.send?.(ready);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
