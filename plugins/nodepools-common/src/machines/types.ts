import type { Architecture } from '../model/pool';

/** The clouds whose machine types the catalog knows. */
export const MACHINE_CLOUDS = ['aws', 'gcp', 'azure', 'digitalocean'] as const;
export type MachineCloud = (typeof MACHINE_CLOUDS)[number];

export const MACHINE_CATEGORIES = [
  'general',
  'burstable',
  'compute',
  'memory',
  'storage',
  'gpu',
  'accelerator',
] as const;
export type MachineCategory = (typeof MACHINE_CATEGORIES)[number];

/** One machine type: what a new node of this type brings before any reservation. */
export interface MachineType {
  cloud: MachineCloud;
  /** The provider's name: `m5.large`, `e2-standard-4`, `Standard_D4s_v5`, `s-2vcpu-4gb`. */
  name: string;
  category: MachineCategory;
  /** `m5`, `e2`, `Dsv5`, `s`... */
  family: string;
  vcpu: number;
  memoryMiB: number;
  arch: Architecture;
  gpus: number;
  /** In the spelling of the cloud's node labels (`a10g`, `nvidia-l4`, `T4`). */
  gpuModel?: string;
  /**
   * Device-plugin resources a node of this type advertises, such as
   * `nvidia.com/gpu` or `aws.amazon.com/neuron`.
   */
  extendedResources: Record<string, number>;
  /** EC2: network interfaces the VPC CNI can use, which bound max pods. */
  enis?: number;
  /** EC2: IPv4 addresses per network interface. */
  ipv4PerEni?: number;
  /** EC2: `nitro` or `xen`; prefix delegation needs Nitro. */
  hypervisor?: string;
  /** Pods per node when the pool does not set its own limit. */
  defaultMaxPods: number;
  /** `catalog` for the bundled, cited rows; `config` for rows a user added or changed. */
  source: 'catalog' | 'config';
}

/**
 * A machine type as a user writes it in config: provider and name are
 * required; for a new type also vcpu and memory. Omitted fields of a known
 * type keep the catalog's value.
 */
export interface MachineTypeInput {
  cloud: MachineCloud;
  name: string;
  vcpu?: number;
  /** MiB; alternatively `memory` as a quantity such as `16Gi`. */
  memoryMiB?: number;
  memory?: string;
  arch?: Architecture;
  gpus?: number;
  gpuModel?: string;
  category?: MachineCategory;
  family?: string;
  extendedResources?: Record<string, number>;
  enis?: number;
  ipv4PerEni?: number;
  hypervisor?: string;
  defaultMaxPods?: number;
}
