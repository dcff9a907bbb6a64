export { PoolNodesSummary } from './PoolNodesSummary';
