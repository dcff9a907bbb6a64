export { TriagePendingFit } from './TriagePendingFit';
export type { TriagePendingFitProps } from './TriagePendingFit';
