export { PoolHistoryTable } from './PoolHistoryTable';
