import { shellCommand } from '../drift/render/quote';
import { formatTaint, type NodePool, type Taint } from '../model/pool';
import { providerProfile } from '../providers/registry';

/*
 * Fix texts name the provider's own command where the project knows it (the
 * profiles' `cli`). Values that come from pools are shell-quoted; what the
 * inventory does not know (an AKS resource group) is left as <placeholder>.
 */

const RG = '<resource-group>';

/** Taint effects as the EKS API spells them. */
const EKS_EFFECTS: Readonly<Record<Taint['effect'], string>> = {
  NoSchedule: 'NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
};

function withCommand(text: string, argv: readonly string[] | undefined): string {
  return argv ? `${text}: ${shellCommand(argv)}` : text;
}

/** How to give a pool a taint. */
export function taintFix(pool: NodePool, taint: Taint, why: string): string {
  const spelled = formatTaint(taint);
  const text = `${why}; add the taint ${spelled} and a matching toleration to the pods meant for the pool`;
  switch (pool.provider) {
    case 'eks': {
      const effect = EKS_EFFECTS[taint.effect];
      const value = taint.value ? `,value=${taint.value}` : '';
      return withCommand(text, ['aws', 'eks', 'update-nodegroup-config', '--cluster-name', pool.cluster, '--nodegroup-name', pool.name, '--taints', `addOrUpdateTaints=[{key=${taint.key}${value},effect=${effect}}]`]);
    }
    case 'gke':
      return withCommand(text, ['gcloud', 'container', 'node-pools', 'update', pool.name, '--cluster', pool.cluster, ...(pool.region ? ['--location', pool.region] : []), '--node-taints', spelled]);
    case 'aks':
      return `${withCommand(text, ['az', 'aks', 'nodepool', 'update', '--cluster-name', pool.cluster, '--name', pool.name, '--node-taints', spelled])} --resource-group ${RG}`;
    case 'doks':
      return withCommand(text, ['doctl', 'kubernetes', 'cluster', 'node-pool', 'update', pool.cluster, pool.name, '--taint', spelled]);
    case 'karpenter':
      return `${text} under spec.template.spec.taints of the NodePool (kubectl edit nodepool ${pool.name}, or its manifest in Git)`;
    default:
      return `${text} in the configuration that creates the group's nodes`;
  }
}

/** How to set a pool's autoscaler range. */
export function autoscalingFix(pool: NodePool, min: number, max: number, text: string): string {
  switch (pool.provider) {
    case 'eks':
      return withCommand(text, ['aws', 'eks', 'update-nodegroup-config', '--cluster-name', pool.cluster, '--nodegroup-name', pool.name, '--scaling-config', `minSize=${min},maxSize=${max}`]);
    case 'gke':
      return withCommand(text, ['gcloud', 'container', 'clusters', 'update', pool.cluster, '--node-pool', pool.name, ...(pool.region ? ['--location', pool.region] : []), '--enable-autoscaling', '--min-nodes', String(min), '--max-nodes', String(max)]);
    case 'aks': {
      const argv = ['az', 'aks', 'nodepool', 'update', '--cluster-name', pool.cluster, '--name', pool.name];
      const switchFlag = pool.autoscaling.enabled ? '--update-cluster-autoscaler' : '--enable-cluster-autoscaler';
      return `${withCommand(text, [...argv, switchFlag, '--min-count', String(min), '--max-count', String(max)])} --resource-group ${RG}`;
    }
    case 'doks':
      return withCommand(text, ['doctl', 'kubernetes', 'cluster', 'node-pool', 'update', pool.cluster, pool.name, '--auto-scale', '--min-nodes', String(min), '--max-nodes', String(max)]);
    case 'karpenter':
      return `${text}: set spec.limits (cpu, memory) on the NodePool`;
    default:
      return `${text} in the tooling that manages the group (cluster-autoscaler, the group's IaC)`;
  }
}

/** How to upgrade a pool's nodes to the control plane's version. */
export function upgradeFix(pool: NodePool, controlPlane: string | undefined): string {
  const to = controlPlane ? ` to ${controlPlane}` : '';
  const text = `upgrade the pool's nodes${to}, one pool at a time`;
  switch (pool.provider) {
    case 'eks':
      return withCommand(text, ['aws', 'eks', 'update-nodegroup-version', '--cluster-name', pool.cluster, '--nodegroup-name', pool.name]);
    case 'gke':
      return withCommand(text, ['gcloud', 'container', 'clusters', 'upgrade', pool.cluster, '--node-pool', pool.name, ...(pool.region ? ['--location', pool.region] : []), ...(controlPlane ? ['--cluster-version', controlPlane] : [])]);
    case 'aks':
      return `${withCommand(text, ['az', 'aks', 'nodepool', 'upgrade', '--cluster-name', pool.cluster, '--name', pool.name, ...(controlPlane ? ['--kubernetes-version', controlPlane] : [])])} --resource-group ${RG}`;
    case 'doks':
      return `${text}; DOKS upgrades every pool with the cluster: ${shellCommand(['doctl', 'kubernetes', 'cluster', 'upgrade', pool.cluster, '--version', controlPlane ?? '<version>'])}`;
    case 'karpenter':
      return `${text}: Karpenter replaces nodes whose image drifted from the NodeClass; point the NodeClass at the new image (or alias) and let disruption roll them`;
    default:
      return `${text} with the tooling that built the nodes`;
  }
}

/** Where a pool's owner is declared, for people. */
export function ownerFix(pool: NodePool): string {
  const profile = providerProfile(pool.provider);
  let where = `an \`owner\` tag on the ${profile.displayName} pool`;
  if (profile.cloud === 'none') where = 'an `owner` label on its nodes';
  else if (pool.provider === 'karpenter') where = 'an `owner` label on the NodePool object';
  return `name a catalog Group as the owner with ${where} (or in nodepools config)`;
}
