/*
 * The backend plugin's internals the benchmarks drive directly. They are not
 * part of the package's public API, so they are imported from its sources.
 */
export { FileSource } from '../../plugins/nodepools-backend/src/sources/file/FileSource';
export { syncSource } from '../../plugins/nodepools-backend/src/inventory/syncSource';
export { DatabasePoolStore } from '../../plugins/nodepools-backend/src/store/DatabasePoolStore';
export type { SyncSummary } from '../../plugins/nodepools-backend/src/store/PoolStore';
export type { OwnershipConfig } from '../../plugins/nodepools-backend/src/inventory/ownership';
export type { PoolSource } from '../../plugins/nodepools-backend/src/sources/types';
export type { PoolStore } from '../../plugins/nodepools-backend/src/store/PoolStore';
