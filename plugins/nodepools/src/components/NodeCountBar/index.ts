export { NodeCountBar } from './NodeCountBar';
export type { NodeCountBarProps } from './NodeCountBar';
