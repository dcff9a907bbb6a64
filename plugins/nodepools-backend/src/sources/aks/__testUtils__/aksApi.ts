import type { TokenCredential } from '@azure/identity';

/** Azure Resource Manager as the tests serve it: paths and records in its wire shape. */
export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
export const ARM_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-arm-token';
export const CLIENT_SECRET = 'aks~client~secret~value~1234';
export const CLUSTERS = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.ContainerService/managedClusters`;
export const poolsPath = (rg: string, cluster: string) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${cluster}/agentPools`;

export const credential: TokenCredential = {
  getToken: async () => ({ token: ARM_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export function managedCluster(name: string, rg = 'rg1', location = 'westeurope') {
  return {
    id: `/subscriptions/${SUBSCRIPTION}/resourcegroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    location,
    type: 'Microsoft.ContainerService/ManagedClusters',
    properties: { kubernetesVersion: '1.31.2', provisioningState: 'Succeeded' },
  };
}

export function agentPool(
  cluster: string,
  name: string,
  properties: Record<string, unknown> = {},
  rg = 'rg1',
) {
  return {
    id: `/subscriptions/${SUBSCRIPTION}/resourcegroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${cluster}/agentPools/${name}`,
    name,
    type: 'Microsoft.ContainerService/managedClusters/agentPools',
    properties: {
      count: 3,
      vmSize: 'Standard_D4s_v5',
      osType: 'Linux',
      mode: 'User',
      type: 'VirtualMachineScaleSets',
      enableAutoScaling: true,
      minCount: 1,
      maxCount: 5,
      orchestratorVersion: '1.31.2',
      provisioningState: 'Succeeded',
      availabilityZones: ['1', '2'],
      ...properties,
    },
  };
}
