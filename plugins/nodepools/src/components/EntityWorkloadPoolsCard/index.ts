export { EntityWorkloadPoolsCard } from './EntityWorkloadPoolsCard';
