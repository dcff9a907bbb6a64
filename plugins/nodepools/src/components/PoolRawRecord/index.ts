export { PoolRawRecord } from './PoolRawRecord';
