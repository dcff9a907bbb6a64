/**
 * Pods per node. On EKS with the VPC CNI every pod takes an address from the
 * node's network interfaces, so max pods is a property of the instance type;
 * elsewhere it is a setting of the pool. The numbers are the provider
 * profiles' pod IP models.
 */
import { aksProfile } from '../providers/aks';
import { doksProfile } from '../providers/doks';
import { AWS_VPC_CNI } from '../providers/eks';
import { gkeProfile } from '../providers/gke';
import { interfaceMaxPods, podNetwork, prefixDelegationMaxPodsOf } from '../providers/podIps';

/** The VPC CNI's default: ENIs x (IPv4 per ENI - 1) + 2 (host-network pods need no address). */
export function eniMaxPods(enis: number, ipv4PerEni: number): number {
  return interfaceMaxPods(AWS_VPC_CNI, enis, ipv4PerEni);
}

/**
 * With prefix delegation each secondary address slot holds a /28 prefix (16
 * addresses). EKS then recommends 110 pods on instances with fewer than 30
 * vCPUs and 250 above, which is what its max-pods calculator prints. Only
 * Nitro instances support prefixes; others get `undefined`.
 */
export function prefixDelegationMaxPods(machine: {
  enis?: number;
  ipv4PerEni?: number;
  vcpu: number;
  hypervisor?: string;
}): number | undefined {
  return prefixDelegationMaxPodsOf(AWS_VPC_CNI, machine);
}

function defaultNetworkMaxPods(model: Parameters<typeof podNetwork>[0]): number {
  const network = podNetwork(model);
  if (network.kind !== 'per-node') throw new Error(`pod network ${network.id} has no fixed max pods`);
  return network.maxPods;
}

/** GKE Standard's default maximum pods per node. */
export const GKE_DEFAULT_MAX_PODS = defaultNetworkMaxPods(gkeProfile.podIps);
/** AKS's default with Azure CNI Overlay, the default network plugin of new clusters. */
export const AKS_DEFAULT_MAX_PODS = defaultNetworkMaxPods(aksProfile.podIps);
/** DOKS nodes run at most 110 pods. */
export const DOKS_MAX_PODS = defaultNetworkMaxPods(doksProfile.podIps);
