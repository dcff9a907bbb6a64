import { createBackend } from '@backstage/backend-defaults';
import { devPermissionPolicyModule, modeFromFile } from './devPermissionPolicy';

// A standalone backend for `npm start`: guest sign-in, the permission
// backend with a policy that can be switched while it runs, the catalog
// with a few entities and the pools (through the catalog module), and the
// nodepools plugin. Permissions apply only with `permission.enabled: true`.
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(devPermissionPolicyModule(modeFromFile(process.env.NODEPOOLS_DEV_POLICY_FILE)));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@nodepools/plugin-catalog-backend-module-nodepools'));
backend.add(import('../src'));
backend.start();
