export { ObservedNodesSummary } from './ObservedNodesSummary';
export type { ObservedNodesSummaryProps } from './ObservedNodesSummary';
