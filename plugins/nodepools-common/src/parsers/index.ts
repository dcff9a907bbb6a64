export * from './types';
export { parseExport } from './parseExport';
export { detectExport, SUPPORTED_EXPORTS, type DetectedExport } from './detect';
export { parseItems, type IndexedItem } from './collect';
export { parseEksNodegroup } from './eks';
export { parseKarpenterNodePool } from './karpenter';
export { parseGkeNodePool } from './gke';
export {
  parseAksAgentPool,
  parseAksAgentPoolListing,
  readAksAgentPool,
  markSoleAksPoolsAsSystem,
  type AksAgentPoolRecord,
} from './aks';
export { parseDoksNodePool } from './doks';
export {
  awsInstanceTypeArch,
  azureVmSizeArch,
  gceMachineTypeArch,
} from './architecture';
