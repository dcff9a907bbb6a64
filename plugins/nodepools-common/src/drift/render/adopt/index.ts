import { providerProfile } from '../../../providers/registry';
import type { Resolution } from '../../types';
import { asStrings, quoted, type ResolutionInput } from '../input';
import { noteResolution } from '../quote';
import { terraformAdoption } from './terraform';
import { eksctlAdoption, manifestAdoption } from './yaml';

/** Bringing a pool no source declares under Terraform or GitOps, as its provider does it. */
function adoptUnmanaged(input: ResolutionInput): Resolution | undefined {
  return providerProfile(input.pool.provider).iac.importUnmanaged(input.pool);
}

/** Dropping a pool the cloud no longer has from its source. */
function adoptRemoval(input: ResolutionInput): Resolution | undefined {
  const pool = input.desiredPool;
  if (!pool) return undefined;
  if (pool.format === 'terraform-state' || pool.format === 'terraform-plan') {
    const inside = pool.resourceType.includes('.');
    return noteResolution(
      inside
        ? `delete the ${pool.resourceType.split('.')[1]} block ${quoted(pool.name)} from ${quoted(pool.address)}`
        : `delete ${quoted(pool.address)} from the configuration; the next plan drops it from the state`,
    );
  }
  return noteResolution(`remove ${quoted(pool.address)} (${quoted(pool.name)}) from ${quoted(pool.source)}`);
}

/** The IaC text (or why there is none) that makes the desired state match the cloud. */
export function adoptResolution(input: ResolutionInput): Resolution | undefined {
  switch (input.cause) {
    case 'not-in-iac':
      return adoptUnmanaged(input);
    case 'declared-not-found':
      return adoptRemoval(input);
    case 'version-skew':
    case 'node-image':
      return noteResolution('nothing to change in the IaC: the nodes must be upgraded to their pool\'s version');
    case 'node-labels':
    case 'node-taints':
      return noteResolution(
        `the IaC declares the pool, not its nodes: relabel or retaint the nodes (revert), or declare the ${input.cause === 'node-labels' ? 'labels' : 'taints'} on the pool so that every node gets them`,
      );
    case 'node-count':
      if (typeof input.desired !== 'number') return noteResolution('the cluster autoscaler should bring the nodes back into the declared range');
      break;
    case 'node-zones':
      // Nodes name their zone `<region>-<n>` where AKS pools declare `<n>`.
      if (input.semantics.numberedZones) {
        return adoptResolution({ ...input, cause: 'changed', field: 'zones', actual: asStrings(input.actual).map(z => z.slice(z.lastIndexOf('-') + 1)) });
      }
      break;
    default:
      break;
  }
  if (!input.desiredPool) return undefined;
  switch (input.desiredPool.format) {
    case 'terraform-state':
    case 'terraform-plan':
      return input.desiredPool.resourceType === 'kubectl_manifest' ? manifestAdoption(input) : terraformAdoption(input);
    case 'eksctl':
      return eksctlAdoption(input);
    case 'manifests':
      return manifestAdoption(input);
    default:
      return undefined;
  }
}
