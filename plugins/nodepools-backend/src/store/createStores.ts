import type { Knex } from 'knex';
import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { DatabasePoolStore } from './DatabasePoolStore';
import { DatabaseTriageStore } from './DatabaseTriageStore';
import type { ChangeFeed } from './feed/ChangeFeed';
import { DatabaseChangeFeed } from './feed/DatabaseChangeFeed';
import { DatabaseOwnerStore } from './owners/DatabaseOwnerStore';
import type { OwnerStore } from './owners/OwnerStore';
import { DatabaseWorkloadStore } from './workloads/DatabaseWorkloadStore';
import type { WorkloadStore } from './workloads/WorkloadStore';
import { migrateToLatest } from './migrate';
import type { PoolStore } from './PoolStore';
import type { TriageStore } from './TriageStore';

/** Every store of the plugin, over one knex client whose schema is migrated. */
export interface Stores {
  pools: PoolStore;
  triage: TriageStore;
  /** The history of pools as a change feed. */
  feed: ChangeFeed;
  /** What the catalog says of owners and clusters. */
  owners: OwnerStore;
  /** Which workloads run on which pool. */
  workloads: WorkloadStore;
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
    feed: new DatabaseChangeFeed(knex),
    owners: new DatabaseOwnerStore(knex),
    workloads: new DatabaseWorkloadStore(knex),
  };
}
