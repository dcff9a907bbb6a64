export { setupSignals, SIGNALS_RETENTION_TASK_ID, type Signals } from './setupSignals';
export { DatabasePoolSignalsStore, type PoolSignalsStore } from './PoolSignalsStore';
export { DatabaseGovernanceSignals, DEFAULT_PEAK_DAYS } from './DatabaseGovernanceSignals';
export { recordSignals, recordObserved, recordSubnets } from './recordSignals';
export { OpenCostClient, parseNodeAssets, type OpenCostNode } from './opencost/OpenCostClient';
export { OpenCostTask, OPENCOST_TASK_ID } from './opencost/OpenCostTask';
export { readOpenCostEndpoints, type OpenCostEndpoint } from './opencost/config';
export type { PoolNodeCost, PoolObservation, PoolSubnetsReading } from './types';
