/*
 * The backend plugin's internals the benchmarks drive directly. They are not
 * part of the package's public API, so they are imported from its sources.
 */
import type { Knex } from 'knex';
import { createStoresFromKnex } from '../../plugins/nodepools-backend/src/store/createStores';
import type { PoolStore } from '../../plugins/nodepools-backend/src/store/PoolStore';

export { FileSource } from '../../plugins/nodepools-backend/src/sources/file/FileSource';
export { syncSource } from '../../plugins/nodepools-backend/src/inventory/syncSource';
export type { SyncSummary } from '../../plugins/nodepools-backend/src/store/PoolStore';
export type { OwnershipConfig } from '../../plugins/nodepools-backend/src/inventory/ownership';
export type { PoolSource } from '../../plugins/nodepools-backend/src/sources/types';
export type { PoolStore } from '../../plugins/nodepools-backend/src/store/PoolStore';

/**
 * The plugin's pool store over a knex the benchmark holds, migrated to the
 * latest schema; `listingCacheBytes: 0` assembles every listing.
 */
export async function openPoolStore(
  knex: Knex,
  options: { listingCacheBytes?: number } = {},
): Promise<PoolStore> {
  return (await createStoresFromKnex(knex, options)).pools;
}

export { createStoresFromKnex } from '../../plugins/nodepools-backend/src/store/createStores';
export { runGovernance } from '../../plugins/nodepools-backend/src/governance/runGovernance';
export { costsOf } from '../../plugins/nodepools-backend/src/governance/views';
