export { CapacityBar } from './CapacityBar';
export type { CapacityBarProps } from './CapacityBar';
