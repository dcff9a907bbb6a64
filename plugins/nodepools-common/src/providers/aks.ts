import type { ProviderProfile } from './types';
import { segments } from './urls';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS } from './wellKnownLabels';

/** AKS agent pools. */
export const aksProfile: ProviderProfile = {
  provider: 'aks',
  displayName: 'AKS',
  cloud: 'azure',
  growth: { kind: 'node-group' },
  nodeLabels: {
    // Clusters created before the prefixed label existed carry only `agentpool`; newer nodes carry both.
    pool: ['kubernetes.azure.com/agentpool', 'agentpool'],
    poolSetByProvider: true,
    capacityType: [{ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', capacityType: 'spot' }],
    mode: { key: 'kubernetes.azure.com/mode', values: { system: 'system', user: 'user' } },
    instanceType: INSTANCE_TYPE_LABELS,
    zone: ZONE_LABELS,
  },
  implicitTaints: [
    {
      taint: { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' },
      when: { capacityType: 'spot' },
      why: 'AKS keeps Spot nodes for pods that tolerate eviction',
    },
  ],
  transientTaintKeys: [],
  podIps: {
    networks: [
      { kind: 'per-node', id: 'azure-cni-overlay', name: 'Azure CNI Overlay', maxPods: 250 },
      { kind: 'per-node', id: 'azure-cni', name: 'Azure CNI (node subnet)', maxPods: 30 },
      { kind: 'per-node', id: 'kubenet', name: 'kubenet', maxPods: 110 },
    ],
    defaultNetwork: 'azure-cni-overlay',
    whenExhausted: 'give the pod subnet more addresses or move the cluster to Azure CNI Overlay',
  },
  allocatableFormula: 'aks',
  consoleUrl: pool => {
    if (!pool.account) return undefined;
    if (!pool.resourceGroup) {
      // Without the resource group no resource path exists: the list of the subscription's clusters.
      return 'https://portal.azure.com/#browse/Microsoft.ContainerService%2FmanagedClusters';
    }
    return `https://portal.azure.com/#@/resource/subscriptions/${segments(
      pool.account,
    )}/resourceGroups/${segments(pool.resourceGroup)}/providers/Microsoft.ContainerService/managedClusters/${segments(
      pool.cluster,
    )}/nodePools`;
  },
  iac: { terraformResourceTypes: ['azurerm_kubernetes_cluster_node_pool'] },
  cli: { name: 'az', createPool: 'az aks nodepool add' },
};
