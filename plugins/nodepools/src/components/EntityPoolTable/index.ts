export { EntityPoolTable, POOL_COLUMNS } from './EntityPoolTable';
export type { PoolColumn } from './EntityPoolTable';
