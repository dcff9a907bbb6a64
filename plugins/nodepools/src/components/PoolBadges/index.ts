export { PoolBadges } from './PoolBadges';
