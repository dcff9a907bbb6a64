export { CostBarChart } from './CostBarChart';
export { OwnerHistoryCharts } from './OwnerHistoryCharts';
