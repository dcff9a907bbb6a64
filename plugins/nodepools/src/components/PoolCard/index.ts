export { PoolCard } from './PoolCard';
export type { PoolCardProps } from './PoolCard';
