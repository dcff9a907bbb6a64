export { ObservedFieldsTable, PoolFieldsTable } from './PoolFieldsTable';
