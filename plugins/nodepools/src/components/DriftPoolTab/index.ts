export { DriftPoolTab } from './DriftPoolTab';
export { PoolDriftTabs } from './PoolDriftTabs';
