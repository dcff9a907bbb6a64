// Gives the backend tests a real PostgreSQL unless the caller already did
// (the root test command starts one for the whole run).
// The repository's test command starts the same server; one helper serves both.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { CONNECTION_ENV, startPostgres } from '../../../test/support/postgres.mjs';

export default async function globalSetup() {
  process.env.BACKSTAGE_TEST_DISABLE_DOCKER = '1';
  if (process.env[CONNECTION_ENV]) return;
  const server = await startPostgres();
  process.env[CONNECTION_ENV] = server.connectionString;
  globalThis.__NODEPOOLS_POSTGRES__ = server;
}
