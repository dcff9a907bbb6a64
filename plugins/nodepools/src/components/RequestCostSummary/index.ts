export { RequestCostSummary } from './RequestCostSummary';
