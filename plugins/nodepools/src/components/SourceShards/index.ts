export { SourceShards } from './SourceShards';
