import type { AllocatableFormula } from '../machines/allocatable';
import type { MachineCloud } from '../machines/types';
import type { CapacityType, PoolMode, Provider, Taint } from '../model/pool';

/** Where a provider's machines come from; `none` for pools seen only through their nodes. */
export type ProviderCloud = MachineCloud | 'none';

/**
 * A capacity type as node labels spell it: the model's types without
 * `mixed` (a pool setting, not a node's), plus Karpenter's `reserved`
 * (capacity reservations).
 */
export type NodeCapacityType = Exclude<CapacityType, 'mixed'> | 'reserved';

/** One label value that tells a node's capacity type. */
export interface CapacityTypeLabel {
  key: string;
  value: string;
  capacityType: NodeCapacityType;
  /** Recognized on nodes, never set on new ones (a label of an older model the provider still honours). */
  readOnly?: boolean;
}

/** The label that tells a node's pool mode (system or user). */
export interface ModeLabel {
  key: string;
  values: Readonly<Record<PoolMode, string>>;
}

export interface ProviderNodeLabels {
  /** Labels that name a node's pool, in the order they are read. */
  pool: readonly string[];
  /**
   * The provider puts every `pool` label on the nodes it adds. Self-managed
   * groups are labelled by their own tooling, so a new node of theirs is
   * not assumed to carry them.
   */
  poolSetByProvider: boolean;
  capacityType: readonly CapacityTypeLabel[];
  /** What a new node's capacity label says when the pool's capacity type (`mixed`) has no value of its own. */
  capacityTypeFallback?: NodeCapacityType;
  mode?: ModeLabel;
  /** Labels holding the machine type, GA label first. */
  instanceType: readonly string[];
  /** Labels holding the zone, GA label first. */
  zone: readonly string[];
}

/** When an implicit taint applies; every field given must hold. */
export interface TaintCondition {
  capacityType?: NodeCapacityType;
  /** The node's machine type has GPUs. */
  gpu?: boolean;
  poolName?: string;
  /** Some requirement of the pool has a key with this prefix. */
  requirementKeyPrefix?: string;
  /** The cluster runs in this mode (GKE Autopilot); pools are taken to be in standard mode unless told otherwise. */
  clusterMode?: 'autopilot';
}

/** A taint the provider puts on some pools' nodes by itself, whatever the pool definition says. */
export interface ImplicitTaint {
  taint: Taint;
  when: TaintCondition;
  /** Why the provider adds it, in a few words. */
  why: string;
}

/** A pod network whose nodes hold a fixed number of pods by default. */
export interface FixedPodNetwork {
  kind: 'per-node';
  id: string;
  name: string;
  maxPods: number;
}

/**
 * A pod network that gives pods addresses from the node's network
 * interfaces: max pods is interfaces x (addresses per interface - reserved)
 * + pods on the host network.
 */
export interface InterfacePodNetwork {
  kind: 'interfaces';
  id: string;
  name: string;
  /** Addresses of each interface that pods cannot use (the interface's own). */
  reservedPerInterface: number;
  /** Pods that use the node's own address (the CNI's and kube-proxy's). */
  hostNetworkPods: number;
  prefixDelegation?: PrefixDelegation;
}

/** Each free address slot of an interface holds a whole prefix instead of one address. */
export interface PrefixDelegation {
  addressesPerPrefix: number;
  /** Recommended max pods, by machine size: the first cap whose `belowVcpu` the machine is under (or that has none). */
  caps: ReadonlyArray<{ belowVcpu?: number; maxPods: number }>;
  /** The hypervisor the machine must run on. */
  hypervisor: string;
  /** How to turn it on, for a suggested fix. */
  howToEnable: string;
}

export type PodNetwork = FixedPodNetwork | InterfacePodNetwork;

/** How many pods a node holds, as the provider's pod network decides it. */
export interface PodIpModel {
  networks: readonly PodNetwork[];
  /** Id of the network a new cluster gets. */
  defaultNetwork: string;
  /** What to do when a placed pod's sandbox gets no address. */
  whenExhausted: string;
}

/**
 * How a pool grows: a node group adds copies of one node template within
 * min and max; a provisioner (Karpenter) picks any allowed machine type
 * within the resource limits of the pool.
 */
export type PoolGrowth =
  | { kind: 'node-group' }
  | {
      kind: 'provisioner';
      /** What the provider calls a pool (`NodePool`). */
      noun: string;
      /** The machine catalog a pool draws from, when some requirement key names another cloud than the profile's. */
      cloudByRequirementPrefix: Readonly<Record<string, MachineCloud>>;
    };

/** What locates a pool in its cloud's console: the pool ref's fields and what some clouds need besides. */
export interface PoolConsoleTarget {
  account?: string;
  region?: string;
  cluster: string;
  name: string;
  /** GKE: the cluster's location when it is a zone (zonal clusters); the region otherwise. */
  location?: string;
  /** AKS: the cluster's resource group. */
  resourceGroup?: string;
  /** DOKS: the cluster's id. */
  clusterId?: string;
}

/** Infrastructure-as-code that defines pools of this provider, for drift. */
export interface ProviderIac {
  /** Terraform resource types that hold one pool. */
  terraformResourceTypes: readonly string[];
  /** Generic manifest resources hold the pool as a Kubernetes object of this kind. */
  manifestKind?: string;
}

/** The provider's command line and the command that creates a pool, for pool requests. */
export interface ProviderCli {
  name: string;
  createPool: string;
}

/** Everything the project knows about one provider, as data. */
export interface ProviderProfile {
  provider: Provider;
  /** How the provider calls itself, for people. */
  displayName: string;
  cloud: ProviderCloud;
  growth: PoolGrowth;
  nodeLabels: ProviderNodeLabels;
  implicitTaints: readonly ImplicitTaint[];
  /** Taints of the provider's own node lifecycle, gone once the node is replaced or settled. */
  transientTaintKeys: readonly string[];
  podIps: PodIpModel;
  /** The reservations a new node of the provider's machines gets; undefined when unknown. */
  allocatableFormula?: AllocatableFormula;
  /** The page of the pool in the cloud's console; undefined for pools no console shows. */
  consoleUrl(pool: PoolConsoleTarget): string | undefined;
  iac: ProviderIac;
  cli?: ProviderCli;
}
