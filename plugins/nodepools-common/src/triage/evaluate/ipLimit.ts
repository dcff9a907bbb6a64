import type { MachineCatalog } from '../../machines/catalog';
import { interfaceNetworkOf, prefixDelegationMaxPodsOf } from '../../providers/podIps';
import { providerProfile } from '../../providers/registry';
import type { PoolState } from '../cluster';
import { INSTANCE_TYPE_LABEL, INSTANCE_TYPE_LABEL_BETA } from '../labels';

/** A pool's nodes hold as many pods as their pod network gives addresses, and prefix delegation would give more. */
export interface IpExhaustion {
  machineType: string;
  maxPods: number;
  withPrefixes: number;
  /** The pod network's name (`VPC CNI`). */
  network: string;
  howToEnable: string;
}

/**
 * The address limit of a pool's typical node, when its provider's pod
 * network counts interfaces and prefix delegation (not yet on) would raise it.
 */
export function prefixDelegationLimit(
  pool: PoolState,
  catalog: MachineCatalog,
  prefixDelegationOn: boolean,
): IpExhaustion | undefined {
  const profile = providerProfile(pool.provider);
  const network = interfaceNetworkOf(profile.podIps);
  if (prefixDelegationOn || !network?.prefixDelegation || profile.cloud === 'none') return undefined;
  const node = pool.classes[0]?.nodes[0];
  const machineType = node?.labels[INSTANCE_TYPE_LABEL] ?? node?.labels[INSTANCE_TYPE_LABEL_BETA];
  const machine = machineType ? catalog.get(profile.cloud, machineType) : undefined;
  const withPrefixes = machine ? prefixDelegationMaxPodsOf(network, machine) : undefined;
  const maxPods = node?.allocatable.pods ?? 0;
  if (!machine || withPrefixes === undefined || withPrefixes <= maxPods) return undefined;
  return {
    machineType: machine.name,
    maxPods,
    withPrefixes,
    network: network.name,
    howToEnable: network.prefixDelegation.howToEnable,
  };
}
