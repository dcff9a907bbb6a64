import { createBackend } from '@backstage/backend-defaults';

// A standalone backend for `npm start`: guest sign-in plus the nodepools plugin.
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('../src'));
backend.start();
