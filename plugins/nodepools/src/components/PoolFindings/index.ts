export { PoolFindings } from './PoolFindings';
