import type { Resolution } from '../../types';
import { asStrings, quoted, type ResolutionInput } from '../input';
import { noteResolution, renderHcl, shellResolution, type HclItem } from '../quote';
import { terraformAdoption } from './terraform';
import { eksctlAdoption, manifestAdoption } from './yaml';

/** A name Terraform accepts as a resource name: letters, digits, `_` and `-`, not starting with a digit. */
function resourceName(pool: string): string {
  const name = pool.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

function importBlock(type: string, pool: string, id: string): Resolution {
  const items: HclItem[] = [
    { block: 'import', body: [{ attr: 'to', reference: `${type}.${resourceName(pool)}` }, { attr: 'id', value: id }] },
  ];
  return {
    kind: 'hcl',
    text: renderHcl(items),
    note: 'then `terraform plan -generate-config-out=generated.tf` writes the resource block (Terraform 1.5 or later)',
  };
}

/** Bringing a pool no source declares under Terraform or GitOps. */
function adoptUnmanaged(input: ResolutionInput): Resolution | undefined {
  const { provider, account, region, cluster, name } = input.pool;
  switch (provider) {
    case 'eks':
      return importBlock('aws_eks_node_group', name, `${cluster}:${name}`);
    case 'gke':
      return account && region
        ? importBlock('google_container_node_pool', name, `projects/${account}/locations/${region}/clusters/${cluster}/nodePools/${name}`)
        : noteResolution('import the pool into Terraform as google_container_node_pool (its project and location are not known here)');
    case 'aks':
      return noteResolution(`import pool ${quoted(name)} into Terraform as azurerm_kubernetes_cluster_node_pool with its ARM id`);
    case 'doks':
      return noteResolution(`import pool ${quoted(name)} into Terraform as digitalocean_kubernetes_node_pool with its pool id`);
    case 'karpenter':
      if (name.startsWith('-')) return noteResolution(`export NodePool ${quoted(name)} with kubectl and commit it to the GitOps repository`);
      return shellResolution([['kubectl', 'get', 'nodepool', name, '-o', 'yaml']], 'commit the NodePool to the GitOps repository, without its status and server-set metadata');
    default:
      return noteResolution('declare the group in the IaC that creates it (for eksctl: nodeGroups in the cluster config)');
  }
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
