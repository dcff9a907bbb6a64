/**
 * What a new node of a machine type offers to pods: its capacity minus the
 * kube-reserved, system-reserved and hard-eviction amounts each provider
 * documents. These are estimates for pools that have no node to read
 * `status.allocatable` from; a real node's numbers always win.
 *
 * Sources (facts only):
 * - EKS: the EKS AMI bootstrap / nodeadm defaults, as Karpenter for AWS
 *   reproduces them (aws/karpenter-provider-aws,
 *   pkg/providers/instancetype/types.go): kube-reserved memory 11 MiB x
 *   max pods + 255 MiB; cpu 6% of the first core, 1% of the second, 0.5% of
 *   the third and fourth, 0.25% of every further core; ephemeral-storage 1 GiB;
 *   eviction at memory.available < 100Mi and nodefs.available < 10%. The VM
 *   reports less memory than its nominal size: Karpenter's default estimate
 *   is 7.5% (VM_MEMORY_OVERHEAD_PERCENT), and Graviton types lose a further
 *   64 MiB to CMA.
 * - GKE: "Standard cluster architecture / Node allocatable resources"
 *   (cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes):
 *   memory 255 MiB under 1 GiB, else 25% of the first 4 GiB, 20% of the next
 *   4, 10% of the next 8, 6% of the next 112 and 2% above 128 GiB; cpu by the
 *   same core tiers as EKS; eviction at 100 MiB. The kernel's own share of
 *   memory follows the cluster autoscaler's GCE estimate
 *   (kubernetes/autoscaler, cluster-autoscaler/cloudprovider/gce/gce_reserved.go).
 * - AKS: "Node resource reservations" (learn.microsoft.com/azure/aks/node-resource-reservations):
 *   cpu 60, 100, 140, 180, 260, 420, 740 millicores on 1, 2, 4, 8, 16, 32,
 *   64 cores; from Kubernetes 1.29 memory is the lesser of 20 MiB x max pods
 *   + 50 MiB and 25% of the VM's memory, with eviction at 100 MiB; before
 *   1.29 the regressive tiers above with eviction at 750 MiB.
 * - DOKS publishes allocatable memory per Droplet size, not a formula; the
 *   estimate here applies the common regressive tiers with eviction at 100 MiB.
 */
import type { Provider, ResourceAmounts } from '../model/pool';
import { providerProfile } from '../providers/registry';
import { eniMaxPods, prefixDelegationMaxPods } from './maxPods';
import type { MachineType } from './types';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** Whose documented reservations to apply. */
export const ALLOCATABLE_FORMULAS = ['eks', 'gke', 'aks', 'doks'] as const;
export type AllocatableFormula = (typeof ALLOCATABLE_FORMULAS)[number];

export interface AllocatableOptions {
  /** The pool's own max pods setting, when it has one. */
  maxPods?: number;
  /** EKS: the VPC CNI hands out /28 prefixes instead of single addresses. */
  prefixDelegation?: boolean;
  /** AKS: reservations changed in 1.29. */
  kubernetesVersion?: string;
  /** Boot disk size; without it ephemeral-storage is not estimated. */
  diskGiB?: number;
}

export interface AllocatableEstimate {
  formula: AllocatableFormula;
  maxPods: number;
  /** What the node would report as `status.capacity` (cpu in cores, memory in bytes). */
  capacity: ResourceAmounts;
  allocatable: ResourceAmounts;
  kubeReserved: { cpu: number; memory: number };
  evictionMemory: number;
  /** Always true: computed from published formulas, not read from a node. */
  estimated: true;
}

/** The formula for a pool provider, from its profile; self-managed pools have none. */
export function allocatableFormulaFor(
  provider: Provider,
): AllocatableFormula | undefined {
  return providerProfile(provider).allocatableFormula;
}

/** 6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% beyond (EKS and GKE). */
export function tieredCpuReservationMillis(vcpu: number): number {
  const milli = vcpu * 1000;
  const tiers: Array<[number, number, number]> = [
    [0, 1000, 0.06],
    [1000, 2000, 0.01],
    [2000, 4000, 0.005],
    [4000, Infinity, 0.0025],
  ];
  let reserved = 0;
  for (const [start, end, rate] of tiers) {
    if (milli <= start) break;
    reserved += Math.floor((Math.min(milli, end) - start) * rate);
  }
  return reserved;
}

/** EKS kube-reserved memory: 11 MiB per pod plus 255 MiB. */
export function eksReservedMemoryMiB(maxPods: number): number {
  return 11 * maxPods + 255;
}

/** 25% / 20% / 10% / 6% / 2% of successive slices of memory (GKE; AKS before 1.29). */
export function regressiveMemoryReservationMiB(memoryMiB: number): number {
  const tiers: Array<[number, number, number]> = [
    [0, 4096, 0.25],
    [4096, 8192, 0.2],
    [8192, 16384, 0.1],
    [16384, 131072, 0.06],
    [131072, Infinity, 0.02],
  ];
  let reserved = 0;
  for (const [start, end, rate] of tiers) {
    if (memoryMiB <= start) break;
    reserved += (Math.min(memoryMiB, end) - start) * rate;
  }
  return reserved;
}

/** GKE: 255 MiB on machines under 1 GiB, otherwise the regressive tiers. */
export function gkeReservedMemoryMiB(memoryMiB: number): number {
  return memoryMiB < 1024 ? 255 : regressiveMemoryReservationMiB(memoryMiB);
}

const AKS_CPU_TABLE: Array<[number, number]> = [
  [1, 60],
  [2, 100],
  [4, 140],
  [8, 180],
  [16, 260],
  [32, 420],
  [64, 740],
];

/**
 * AKS's published table, interpolated linearly between its rows for core
 * counts it does not list, and extended past 64 cores at its last slope.
 */
export function aksReservedCpuMillis(vcpu: number): number {
  if (vcpu <= AKS_CPU_TABLE[0][0]) return AKS_CPU_TABLE[0][1];
  for (let i = 1; i < AKS_CPU_TABLE.length; i++) {
    const [cores, milli] = AKS_CPU_TABLE[i];
    const [prevCores, prevMilli] = AKS_CPU_TABLE[i - 1];
    if (vcpu <= cores) {
      return Math.round(
        prevMilli + ((vcpu - prevCores) * (milli - prevMilli)) / (cores - prevCores),
      );
    }
  }
  const [lastCores, lastMilli] = AKS_CPU_TABLE[AKS_CPU_TABLE.length - 1];
  const [prevCores, prevMilli] = AKS_CPU_TABLE[AKS_CPU_TABLE.length - 2];
  const slope = (lastMilli - prevMilli) / (lastCores - prevCores);
  return Math.round(lastMilli + (vcpu - lastCores) * slope);
}

function minorVersion(version: string | undefined): number | undefined {
  const match = /^v?1\.(\d+)/.exec(version ?? '');
  return match ? Number(match[1]) : undefined;
}

/** AKS kube-reserved memory and eviction threshold, by Kubernetes version. */
export function aksReservedMemoryMiB(
  memoryMiB: number,
  maxPods: number,
  kubernetesVersion?: string,
): { kubeReserved: number; eviction: number } {
  const minor = minorVersion(kubernetesVersion);
  if (minor !== undefined && minor < 29) {
    return {
      kubeReserved: regressiveMemoryReservationMiB(memoryMiB),
      eviction: 750,
    };
  }
  return {
    kubeReserved: Math.min(20 * maxPods + 50, memoryMiB * 0.25),
    eviction: 100,
  };
}

/** Memory the EC2 VM reports to the kubelet, by Karpenter's default estimate. */
export function ec2ReportedMemoryMiB(machine: MachineType): number {
  const usable = machine.memoryMiB - (machine.arch === 'arm64' ? 64 : 0);
  return usable - Math.ceil(usable * 0.075);
}

/** Memory a GCE VM reports after the kernel's share, per the autoscaler's COS estimate. */
export function gceReportedMemoryMiB(machine: MachineType): number {
  const physical = machine.memoryMiB;
  let kernel = physical / 64 + 16;
  if (physical > 3 * 1024) kernel += 64;
  if (physical <= 8 * 1024) kernel += 8;
  kernel += Math.min(0.00175 * physical, 248);
  if (machine.arch === 'arm64') kernel *= 0.9971;
  return physical - kernel;
}

/** Max pods for a node of this type in a pool of the given kind. */
export function maxPodsFor(
  machine: MachineType,
  formula: AllocatableFormula,
  options: Pick<AllocatableOptions, 'maxPods' | 'prefixDelegation'> = {},
): number {
  if (options.maxPods !== undefined) return options.maxPods;
  if (formula === 'eks') {
    if (options.prefixDelegation) {
      const withPrefixes = prefixDelegationMaxPods(machine);
      if (withPrefixes !== undefined) return withPrefixes;
    }
    if (machine.enis !== undefined && machine.ipv4PerEni !== undefined) {
      return eniMaxPods(machine.enis, machine.ipv4PerEni);
    }
    return machine.defaultMaxPods;
  }
  return machine.defaultMaxPods;
}

/** Estimates a new node's capacity and allocatable resources. */
export function estimateAllocatable(
  machine: MachineType,
  formula: AllocatableFormula,
  options: AllocatableOptions = {},
): AllocatableEstimate {
  const maxPods = maxPodsFor(machine, formula, options);
  let capacityMiB = machine.memoryMiB;
  let reservedCpu: number;
  let reservedMiB: number;
  let evictionMiB = 100;
  switch (formula) {
    case 'eks':
      capacityMiB = ec2ReportedMemoryMiB(machine);
      reservedCpu = tieredCpuReservationMillis(machine.vcpu);
      reservedMiB = eksReservedMemoryMiB(maxPods);
      break;
    case 'gke':
      capacityMiB = gceReportedMemoryMiB(machine);
      reservedCpu = tieredCpuReservationMillis(machine.vcpu);
      reservedMiB = gkeReservedMemoryMiB(machine.memoryMiB);
      break;
    case 'aks': {
      reservedCpu = aksReservedCpuMillis(machine.vcpu);
      const memory = aksReservedMemoryMiB(
        machine.memoryMiB,
        maxPods,
        options.kubernetesVersion,
      );
      reservedMiB = memory.kubeReserved;
      evictionMiB = memory.eviction;
      break;
    }
    default:
      reservedCpu = tieredCpuReservationMillis(machine.vcpu);
      reservedMiB = regressiveMemoryReservationMiB(machine.memoryMiB);
  }
  const capacityBytes = Math.floor(capacityMiB * MiB);
  const capacity: ResourceAmounts = {
    cpu: machine.vcpu,
    memory: capacityBytes,
    pods: maxPods,
    ...machine.extendedResources,
  };
  const allocatable: ResourceAmounts = {
    ...capacity,
    cpu: (machine.vcpu * 1000 - reservedCpu) / 1000,
    memory: Math.max(
      0,
      capacityBytes - Math.ceil(reservedMiB * MiB) - evictionMiB * MiB,
    ),
  };
  if (options.diskGiB !== undefined) {
    const disk = options.diskGiB * GiB;
    capacity['ephemeral-storage'] = disk;
    const kubeReservedDisk = formula === 'eks' ? GiB : 0;
    allocatable['ephemeral-storage'] = Math.max(
      0,
      Math.floor(disk - kubeReservedDisk - disk * 0.1),
    );
  }
  return {
    formula,
    maxPods,
    capacity,
    allocatable,
    kubeReserved: { cpu: reservedCpu / 1000, memory: Math.ceil(reservedMiB * MiB) },
    evictionMemory: evictionMiB * MiB,
    estimated: true,
  };
}
