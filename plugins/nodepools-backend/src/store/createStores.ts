import type { Knex } from 'knex';
import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { DatabasePoolStore } from './DatabasePoolStore';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { DatabaseTriageStore } from './DatabaseTriageStore';
import { migrateToLatest } from './migrate';
import type { PoolStore } from './PoolStore';
import type { RequestStore } from './RequestStore';
import type { TriageStore } from './TriageStore';

/** Every store of the plugin, over one knex client whose schema is migrated. */
export interface Stores {
  pools: PoolStore;
  triage: TriageStore;
  requests: RequestStore;
}

/**
 * Opens the plugin's database and brings every nodepools table to the
 * latest migration (unless the app skips migrations), then hands out the
 * stores that share it.
 */
export async function createStores(options: {
  database: DatabaseService;
  logger?: LoggerService;
  /** The clock pools age by; the system clock by default. */
  now?: () => Date;
}): Promise<Stores> {
  const knex = await options.database.getClient();
  if (options.database.migrations?.skip) {
    options.logger?.info('Migrations are skipped: the nodepools tables must already be at the latest schema');
  } else {
    await migrateToLatest(knex);
  }
  return storesOf(knex, options.now);
}

/** The same over a knex client the caller holds (tests, benchmarks, tools). */
export async function createStoresFromKnex(
  knex: Knex,
  options: { now?: () => Date } = {},
): Promise<Stores> {
  await migrateToLatest(knex);
  return storesOf(knex, options.now);
}

function storesOf(knex: Knex, now?: () => Date): Stores {
  return {
    pools: new DatabasePoolStore(knex, now),
    triage: new DatabaseTriageStore(knex),
    requests: new DatabaseRequestStore(knex),
  };
}
