export { EntityGroupPoolsCard } from './EntityGroupPoolsCard';
