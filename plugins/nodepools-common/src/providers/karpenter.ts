import { AWS_VPC_CNI, eksClusterUrl } from './eks';
import type { ProviderProfile } from './types';
import { segments } from './urls';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS } from './wellKnownLabels';

/**
 * Karpenter NodePools, EKS Auto Mode's built-in ones included. A NodePool
 * picks any machine type its requirements allow, within its `limits`; on
 * Azure (AKS node auto-provisioning) the requirements use `karpenter.azure.com/`
 * keys and the machines are Azure VM sizes.
 */
export const karpenterProfile: ProviderProfile = {
  provider: 'karpenter',
  displayName: 'Karpenter',
  cloud: 'aws',
  growth: {
    kind: 'provisioner',
    noun: 'NodePool',
    cloudByRequirementPrefix: { 'karpenter.azure.com/': 'azure' },
  },
  nodeLabels: {
    pool: ['karpenter.sh/nodepool'],
    poolSetByProvider: true,
    capacityType: [
      { key: 'karpenter.sh/capacity-type', value: 'on-demand', capacityType: 'on-demand' },
      { key: 'karpenter.sh/capacity-type', value: 'spot', capacityType: 'spot' },
      { key: 'karpenter.sh/capacity-type', value: 'reserved', capacityType: 'reserved' },
    ],
    instanceType: INSTANCE_TYPE_LABELS,
    zone: ZONE_LABELS,
  },
  implicitTaints: [
    {
      taint: { key: 'CriticalAddonsOnly', effect: 'NoSchedule' },
      when: { poolName: 'system', requirementKeyPrefix: 'eks.amazonaws.com/' },
      why: "EKS Auto Mode's built-in system NodePool keeps its nodes for critical add-ons",
    },
  ],
  // Karpenter taints nodes it is about to remove.
  transientTaintKeys: ['karpenter.sh/disrupted', 'karpenter.sh/disruption'],
  podIps: {
    networks: [AWS_VPC_CNI],
    defaultNetwork: AWS_VPC_CNI.id,
    whenExhausted: "enable prefix delegation on the VPC CNI, or give the node's subnet more free addresses",
  },
  allocatableFormula: 'eks',
  // NodePools live in the cluster; the console lists them on the cluster's compute tab.
  consoleUrl: pool => eksClusterUrl(pool, `${segments(pool.cluster)}?selectedTab=cluster-compute-tab`),
  iac: { terraformResourceTypes: ['kubernetes_manifest', 'kubectl_manifest'], manifestKind: 'NodePool' },
  cli: { name: 'kubectl', createPool: 'kubectl apply' },
};
