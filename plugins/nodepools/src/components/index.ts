export { PoolCard } from './PoolCard';
export type { PoolCardProps } from './PoolCard';
export { PoolPage } from './PoolPage';
export { SourcesPage } from './SourcesPage';
export { Router } from './Router';
export { NodeCountBar } from './NodeCountBar';
export type { NodeCountBarProps } from './NodeCountBar';
export { CapacityBar } from './CapacityBar';
export type { CapacityBarProps } from './CapacityBar';
