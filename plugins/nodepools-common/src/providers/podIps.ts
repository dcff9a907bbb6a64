import type { InterfacePodNetwork, PodIpModel, PodNetwork } from './types';

/** What max pods depends on, of a machine type. */
export interface PodIpMachine {
  vcpu: number;
  /** Network interfaces the pod network can use. */
  enis?: number;
  /** Addresses per network interface. */
  ipv4PerEni?: number;
  hypervisor?: string;
}

export interface PodIpOptions {
  /** Id of the pod network; the model's default when not given. */
  network?: string;
  /** The interfaces hand out prefixes instead of single addresses. */
  prefixDelegation?: boolean;
}

/** The network of a model by id, or its default network. */
export function podNetwork(model: PodIpModel, id?: string): PodNetwork {
  const wanted = id ?? model.defaultNetwork;
  const network = model.networks.find(n => n.id === wanted);
  if (!network) throw new Error(`pod network '${wanted}' is not one of ${model.networks.map(n => n.id).join(', ')}`);
  return network;
}

/** Interfaces x (addresses per interface - reserved) + host-network pods. */
export function interfaceMaxPods(network: InterfacePodNetwork, enis: number, ipv4PerEni: number): number {
  return enis * (ipv4PerEni - network.reservedPerInterface) + network.hostNetworkPods;
}

/**
 * Max pods with prefix delegation: every free address slot holds a prefix,
 * capped at the recommended max for the machine's size. Undefined when the
 * network has no prefixes or the machine cannot use them.
 */
export function prefixDelegationMaxPodsOf(network: InterfacePodNetwork, machine: PodIpMachine): number | undefined {
  const prefixes = network.prefixDelegation;
  if (!prefixes || machine.enis === undefined || machine.ipv4PerEni === undefined) return undefined;
  if (machine.hypervisor !== prefixes.hypervisor) return undefined;
  const addresses =
    machine.enis * (machine.ipv4PerEni - network.reservedPerInterface) * prefixes.addressesPerPrefix +
    network.hostNetworkPods;
  const cap = prefixes.caps.find(c => c.belowVcpu === undefined || machine.vcpu < c.belowVcpu);
  return cap ? Math.min(addresses, cap.maxPods) : addresses;
}

/**
 * How many pods a node of this machine holds on the model's network;
 * undefined when the network counts interfaces and the machine's are not known.
 */
export function podIpMaxPods(model: PodIpModel, machine: PodIpMachine, options: PodIpOptions = {}): number | undefined {
  const network = podNetwork(model, options.network);
  if (network.kind === 'per-node') return network.maxPods;
  if (options.prefixDelegation) {
    const withPrefixes = prefixDelegationMaxPodsOf(network, machine);
    if (withPrefixes !== undefined) return withPrefixes;
  }
  if (machine.enis === undefined || machine.ipv4PerEni === undefined) return undefined;
  return interfaceMaxPods(network, machine.enis, machine.ipv4PerEni);
}

/** The model's default network when it counts interfaces, which prefix delegation can widen. */
export function interfaceNetworkOf(model: PodIpModel): InterfacePodNetwork | undefined {
  const network = podNetwork(model);
  return network.kind === 'interfaces' ? network : undefined;
}
