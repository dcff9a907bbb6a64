import { createBackend } from '@backstage/backend-defaults';
import { devPermissionPolicyModule, modeFromFile } from './devPermissionPolicy';
import { devUsersAuthModule } from './devUsersAuthModule';

// A standalone backend for `npm start`: guest sign-in, the permission
// backend with a policy that can be switched while it runs, the catalog
// with a few entities and the pools (through the catalog module), and the
// nodepools plugin. Permissions apply only with `permission.enabled: true`.
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// A second signed-in user for the request workflow's end-to-end test; off without its config.
backend.add(devUsersAuthModule);
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(devPermissionPolicyModule(modeFromFile(process.env.NODEPOOLS_DEV_POLICY_FILE)));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@nodepools/plugin-catalog-backend-module-nodepools'));
backend.add(import('../src'));
backend.start();
