export { PoolGrid } from './PoolGrid';
