export { EntityClusterPoolsCard } from './EntityClusterPoolsCard';
