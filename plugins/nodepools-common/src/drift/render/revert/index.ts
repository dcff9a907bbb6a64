import type { Provider } from '../../../model/pool';
import type { Resolution } from '../../types';
import { optionLikeValue, quoted, type ResolutionInput } from '../input';
import { noteResolution, shellResolution } from '../quote';
import { aksRevert } from './aks';
import { eksRevert } from './eks';
import { gkeRevert } from './gke';
import { nodeMarksRevert } from './nodeMarks';
import { doksRevert, karpenterRevert, kubernetesRevert } from './others';

const BY_PROVIDER: Readonly<Record<Provider, (input: ResolutionInput) => Resolution | undefined>> = {
  eks: eksRevert,
  gke: gkeRevert,
  aks: aksRevert,
  doks: doksRevert,
  karpenter: karpenterRevert,
  kubernetes: kubernetesRevert,
};

/** A declared pool the cloud lacks comes back by applying its source. */
function createFromSource(input: ResolutionInput): Resolution | undefined {
  const pool = input.desiredPool;
  if (!pool) return undefined;
  switch (pool.format) {
    case 'terraform-state':
    case 'terraform-plan':
      return shellResolution([['terraform', 'apply', `-target=${pool.address}`]], 'run in the Terraform working directory of this state');
    case 'eksctl':
      return pool.resourceType === 'managedNodeGroups' || pool.resourceType === 'nodeGroups'
        ? shellResolution([['eksctl', 'create', 'nodegroup', `--config-file=${pool.source}`, `--include=${pool.name}`]])
        : undefined;
    case 'manifests':
      return shellResolution([['kubectl', 'apply', `--filename=${pool.source}`]], `run against cluster ${quoted(pool.cluster)}`);
    default:
      return noteResolution('apply the desired-state source again');
  }
}

/** The command (or why there is none) that makes the cloud match the desired state again. */
export function revertResolution(input: ResolutionInput): Resolution | undefined {
  const optionLike = optionLikeValue(input);
  if (optionLike !== undefined) {
    return noteResolution(`not written as a command: ${quoted(optionLike)} starts with "-" and would be read as an option`);
  }
  if (input.cause === 'declared-not-found') return createFromSource(input);
  if (input.cause === 'node-labels' || input.cause === 'node-taints') return nodeMarksRevert(input);
  return BY_PROVIDER[input.pool.provider](input);
}
