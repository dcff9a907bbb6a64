export { DriftCountsProvider, usePoolDriftCount, useReloadDriftCounts } from './DriftCountsProvider';
