import type { InterfacePodNetwork, PoolConsoleTarget, ProviderProfile } from './types';
import { segments } from './urls';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS } from './wellKnownLabels';

/**
 * The Amazon VPC CNI: every pod takes a secondary address of one of the
 * node's network interfaces (ENIs); each ENI's primary address is the
 * node's own, and two host-network pods (aws-node, kube-proxy) need none.
 * With prefix delegation each free slot holds a /28 (16 addresses), and
 * EKS recommends at most 110 pods under 30 vCPUs and 250 above, which is
 * what its max-pods calculator prints. Prefixes need Nitro instances.
 */
export const AWS_VPC_CNI: InterfacePodNetwork = {
  kind: 'interfaces',
  id: 'vpc-cni',
  name: 'VPC CNI',
  reservedPerInterface: 1,
  hostNetworkPods: 2,
  prefixDelegation: {
    addressesPerPrefix: 16,
    caps: [{ belowVcpu: 30, maxPods: 110 }, { maxPods: 250 }],
    hypervisor: 'nitro',
    howToEnable: 'ENABLE_PREFIX_DELEGATION=true on the aws-node daemonset, then replace the nodes',
  },
};

/** The EKS page of a cluster, in the pool's region when it is known. */
export function eksClusterUrl(pool: PoolConsoleTarget, fragment: string): string {
  const host = pool.region ? `https://${pool.region}.console.aws.amazon.com` : 'https://console.aws.amazon.com';
  const region = pool.region ? `?region=${encodeURIComponent(pool.region)}` : '';
  return `${host}/eks/home${region}#/clusters/${fragment}`;
}

/** EKS managed node groups. */
export const eksProfile: ProviderProfile = {
  provider: 'eks',
  displayName: 'EKS',
  cloud: 'aws',
  growth: { kind: 'node-group' },
  nodeLabels: {
    pool: ['eks.amazonaws.com/nodegroup'],
    poolSetByProvider: true,
    capacityType: [
      { key: 'eks.amazonaws.com/capacityType', value: 'ON_DEMAND', capacityType: 'on-demand' },
      { key: 'eks.amazonaws.com/capacityType', value: 'SPOT', capacityType: 'spot' },
      { key: 'eks.amazonaws.com/capacityType', value: 'CAPACITY_BLOCK', capacityType: 'capacity-block' },
    ],
    capacityTypeFallback: 'on-demand',
    instanceType: INSTANCE_TYPE_LABELS,
    zone: ZONE_LABELS,
  },
  implicitTaints: [],
  transientTaintKeys: [],
  podIps: {
    networks: [AWS_VPC_CNI],
    defaultNetwork: AWS_VPC_CNI.id,
    whenExhausted: "enable prefix delegation on the VPC CNI, or give the node's subnet more free addresses",
  },
  allocatableFormula: 'eks',
  consoleUrl: pool => eksClusterUrl(pool, `${segments(pool.cluster)}/nodegroups/${segments(pool.name)}`),
  iac: { terraformResourceTypes: ['aws_eks_node_group'] },
  cli: { name: 'aws', createPool: 'aws eks create-nodegroup' },
};
