import type { Knex } from 'knex';
import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { DatabaseGovernanceStore } from './DatabaseGovernanceStore';
import { DatabasePoolStore } from './DatabasePoolStore';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { DatabaseTriageStore } from './DatabaseTriageStore';
import type { ChangeFeed } from './feed/ChangeFeed';
import { DatabaseChangeFeed } from './feed/DatabaseChangeFeed';
import { DatabaseOwnerStore } from './owners/DatabaseOwnerStore';
import type { OwnerStore } from './owners/OwnerStore';
import { DatabaseWorkloadStore } from './workloads/DatabaseWorkloadStore';
import type { WorkloadStore } from './workloads/WorkloadStore';
import { fillMissingListDocuments } from './listing/listDocument';
import { migrateToLatest } from './migrate';
import type { DriftStore } from './DriftStore';
import type { GovernanceStore } from './GovernanceStore';
import type { PoolStore } from './PoolStore';
import type { RequestStore } from './RequestStore';
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
  /** Pool requests, their audit trail and their links to pools. */
  requests: RequestStore;
  drift: DriftStore;
  /** Governance findings, pool documents, owner reviews and daily roll-ups. */
  governance: GovernanceStore;
}

export interface StoreOptions {
  /** The clock pools age by; the system clock by default. */
  now?: () => Date;
  /** Bytes of listed pages kept in memory; 32 MiB by default, 0 for none. */
  listingCacheBytes?: number;
}

/**
 * Opens the plugin's database and brings every nodepools table to the
 * latest migration (unless the app skips migrations), then hands out the
 * stores that share it.
 */
export async function createStores(
  options: StoreOptions & {
    database: DatabaseService;
    logger?: LoggerService;
  },
): Promise<Stores> {
  const knex = await options.database.getClient();
  if (options.database.migrations?.skip) {
    options.logger?.info('Migrations are skipped: the nodepools tables must already be at the latest schema');
  } else {
    await migrateToLatest(knex);
  }
  const filled = await fillMissingListDocuments(knex);
  if (filled) options.logger?.info(`Wrote the list documents of ${filled} pools stored before they existed`);
  return storesOf(knex, options);
}

/** The same over a knex client the caller holds (tests, benchmarks, tools). */
export async function createStoresFromKnex(
  knex: Knex,
  options: StoreOptions = {},
): Promise<Stores> {
  await migrateToLatest(knex);
  await fillMissingListDocuments(knex);
  return storesOf(knex, options);
}

function storesOf(knex: Knex, options: StoreOptions): Stores {
  return {
    pools: new DatabasePoolStore(knex, options.now, options.listingCacheBytes),
    triage: new DatabaseTriageStore(knex),
    feed: new DatabaseChangeFeed(knex),
    owners: new DatabaseOwnerStore(knex),
    workloads: new DatabaseWorkloadStore(knex),
    requests: new DatabaseRequestStore(knex),
    drift: new DatabaseDriftStore(knex, options.now),
    governance: new DatabaseGovernanceStore(knex, options.now),
  };
}
