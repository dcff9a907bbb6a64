/**
 * Pods per node. On EKS with the VPC CNI every pod takes an address from the
 * node's network interfaces, so max pods is a property of the instance type;
 * elsewhere it is a setting of the pool.
 */

/** The VPC CNI's default: ENIs x (IPv4 per ENI - 1) + 2 (host-network pods need no address). */
export function eniMaxPods(enis: number, ipv4PerEni: number): number {
  return enis * (ipv4PerEni - 1) + 2;
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
  if (
    machine.enis === undefined ||
    machine.ipv4PerEni === undefined ||
    machine.hypervisor !== 'nitro'
  ) {
    return undefined;
  }
  const addresses = machine.enis * ((machine.ipv4PerEni - 1) * 16) + 2;
  const recommended = machine.vcpu < 30 ? 110 : 250;
  return Math.min(addresses, recommended);
}

/** GKE Standard's default maximum pods per node. */
export const GKE_DEFAULT_MAX_PODS = 110;
/** AKS's default with Azure CNI Overlay, the default network plugin of new clusters. */
export const AKS_DEFAULT_MAX_PODS = 250;
/** DOKS nodes run at most 110 pods. */
export const DOKS_MAX_PODS = 110;
