import type { MachineCloud, MachineType } from '../machines/types';
import { interfaceNetworkOf, podIpMaxPods, prefixDelegationMaxPodsOf } from '../providers/podIps';
import { providerProfile } from '../providers/registry';
import type { PodIpModel } from '../providers/types';
import type { GovernancePool, IpHeadroom } from './types';

/** The pod network model of a pool: its provider's; a Karpenter NodePool on Azure has AKS's. */
function podIpModel(provider: string, cloud: MachineCloud | undefined): PodIpModel {
  if (provider === 'karpenter' && cloud === 'azure') return providerProfile('aks').podIps;
  return providerProfile(provider).podIps;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Pod addresses of one pool, from its provider's pod IP model and the
 * machine catalog:
 *
 * - max pods per node: the pool's own setting (GKE's `maxPodsConstraint`,
 *   32 on Autopilot; AKS's `maxPods`, 30 by default on Azure CNI with a node
 *   subnet), else the model's default
 *   network for the pool's smallest machine type (EKS and Karpenter on AWS:
 *   ENIs x (IPv4 per ENI - 1) + 2; AKS Azure CNI Overlay 250; GKE Standard
 *   110; DOKS 110). With prefix delegation (VPC CNI, Nitro machines) the
 *   EKS figure is 110 under 30 vCPUs, 250 above;
 * - nodes already holding more pods than their interfaces allow (observed
 *   allocatable pods per node) already use prefixes: the observed figure
 *   counts, and prefixes do not help;
 * - pods running: the observed roll-up's requested `pods` (one per
 *   running pod); capacity: the observed allocatable pods, else max pods x
 *   nodes;
 * - subnet addresses (EKS): the free addresses of the pool's subnets;
 * - pods before exhaustion: the lower of free pod slots and free subnet addresses.
 */
export function ipHeadroom(
  entry: Pick<GovernancePool, 'pool' | 'subnets'>,
  machines: { cloud?: MachineCloud; types: readonly MachineType[] },
): IpHeadroom {
  const { pool } = entry;
  const model = podIpModel(pool.provider, machines.cloud);
  const smallest = [...machines.types].sort((a, b) => a.vcpu - b.vcpu || a.memoryMiB - b.memoryMiB)[0];
  const nodes = pool.observed?.nodeCount ?? pool.nodeCount;
  const allocatablePods = pool.observed?.allocatable.pods;
  const observedPerNode = allocatablePods !== undefined && nodes ? Math.floor(allocatablePods / nodes) : undefined;

  let maxPodsPerNode = pool.maxPodsPerNode;
  if (maxPodsPerNode === undefined) {
    maxPodsPerNode = smallest ? podIpMaxPods(model, smallest) : undefined;
    // Per-node networks do not depend on the machine.
    if (maxPodsPerNode === undefined && !interfaceNetworkOf(model)) maxPodsPerNode = podIpMaxPods(model, { vcpu: 0 });
  }
  const network = interfaceNetworkOf(model);
  const withPrefixes = network && smallest ? prefixDelegationMaxPodsOf(network, smallest) : undefined;
  const usingPrefixes =
    observedPerNode !== undefined && maxPodsPerNode !== undefined && network !== undefined && observedPerNode > maxPodsPerNode;
  if (usingPrefixes) maxPodsPerNode = observedPerNode;

  const headroom: IpHeadroom = {
    prefixDelegationHelps:
      !usingPrefixes && withPrefixes !== undefined && maxPodsPerNode !== undefined && withPrefixes > maxPodsPerNode,
  };
  if (maxPodsPerNode !== undefined) headroom.maxPodsPerNode = maxPodsPerNode;
  if (withPrefixes !== undefined) headroom.maxPodsPerNodeWithPrefixes = withPrefixes;
  const running = pool.observed?.requested.pods;
  if (running !== undefined) headroom.podsRunning = running;
  const capacity =
    allocatablePods ?? (maxPodsPerNode !== undefined && nodes !== undefined ? maxPodsPerNode * nodes : undefined);
  if (capacity !== undefined) {
    headroom.podCapacity = capacity;
    headroom.podSlotsFree = Math.max(0, capacity - (running ?? 0));
  }
  if (entry.subnets && entry.subnets.subnets.length > 0) {
    headroom.subnetIpsFree = sum(entry.subnets.subnets.map(s => Math.max(0, s.availableIps)));
  }
  const limits = [headroom.podSlotsFree, headroom.subnetIpsFree].filter((v): v is number => v !== undefined);
  if (limits.length > 0) headroom.podsBeforeExhaustion = Math.min(...limits);
  return headroom;
}
