import type { MachineCatalog } from '../machines/catalog';
import { interfaceMaxPods, interfaceNetworkOf, prefixDelegationMaxPodsOf } from '../providers/podIps';
import { providerProfile } from '../providers/registry';
import { INSTANCE_TYPE_LABEL, INSTANCE_TYPE_LABEL_BETA } from './labels';

/** A node holds as many pods as its pod network's interfaces give addresses, and prefix delegation would give more. */
export interface IpExhaustion {
  machineType: string;
  maxPods: number;
  withPrefixes: number;
  /** The pod network's name (`VPC CNI`). */
  network: string;
  howToEnable: string;
}

/**
 * Whether a node's max pods is its pod network's interface limit (EKS: ENIs
 * x (addresses per ENI - 1) + 2 for its instance type), not a lower kubelet
 * setting, with prefix delegation off and able to raise it.
 */
export function interfaceLimitOf(
  provider: string,
  labels: Record<string, string>,
  maxPods: number,
  catalog: MachineCatalog,
  prefixDelegationOn: boolean,
): IpExhaustion | undefined {
  const profile = providerProfile(provider);
  const network = interfaceNetworkOf(profile.podIps);
  if (prefixDelegationOn || !network?.prefixDelegation || profile.cloud === 'none') return undefined;
  const machineType = labels[INSTANCE_TYPE_LABEL] ?? labels[INSTANCE_TYPE_LABEL_BETA];
  const machine = machineType ? catalog.get(profile.cloud, machineType) : undefined;
  if (!machine || machine.enis === undefined || machine.ipv4PerEni === undefined) return undefined;
  const withPrefixes = prefixDelegationMaxPodsOf(network, machine);
  if (maxPods !== interfaceMaxPods(network, machine.enis, machine.ipv4PerEni)) return undefined;
  if (withPrefixes === undefined || withPrefixes <= maxPods) return undefined;
  return { machineType: machine.name, maxPods, withPrefixes, network: network.name, howToEnable: network.prefixDelegation.howToEnable };
}

/** The reason's words for a node held at its interface limit. */
export function interfaceLimitCause(limit: IpExhaustion): string {
  return `${limit.maxPods} is the ${limit.network}'s IP address limit for ${limit.machineType}: prefix delegation would allow ${limit.withPrefixes}`;
}
