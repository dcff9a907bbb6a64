export { DriftOverTime } from './DriftOverTime';
