import { nodeAffinityCheck } from '../checks/nodeAffinity';
import { checkBit } from '../checks/registry';
import { resourcesCheck } from '../checks/resources';
import { taintsCheck } from '../checks/taints';

export { Evaluator } from './evaluator';
export type { CandidateResult, PoolEvaluation } from './explain';
export type { IpExhaustion } from '../podIpLimit';
export { FITS_AFTER_SCALE_UP, FITS_NEW_NODE, FITS_NOW } from './needs';
export type { NeedsChange, PodNeeds } from './needs';

/** Checks a "what if" quick verdict leaves out, to find which single change would help. */
export const IGNORE_TAINTS = checkBit(taintsCheck);
export const IGNORE_NODE_AFFINITY = checkBit(nodeAffinityCheck);
export const IGNORE_RESOURCES = checkBit(resourcesCheck);
