export { EntityNodePoolsCard } from './EntityNodePoolsCard';
