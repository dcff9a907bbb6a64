import type { ClusterPlan, PoolPlan } from '../plan';
import type { ExportRenderer } from './types';

function formatTaint(t: { key: string; value?: string; effect: string }): string {
  return `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`;
}

function resourceGroup(plan: ClusterPlan): string {
  return `rg-${plan.cluster}`;
}

function poolId(plan: ClusterPlan, pool: PoolPlan, resourceGroups: string): string {
  return [
    `/subscriptions/${plan.account}/${resourceGroups}/${resourceGroup(plan)}`,
    `/providers/Microsoft.ContainerService/managedClusters/${plan.cluster}`,
    `/agentPools/${pool.name}`,
  ].join('');
}

function nodeImage(pool: PoolPlan): string {
  if (pool.os === 'windows') return 'AKSWindows-2022-containerd-20348.2966.250113';
  return pool.arch === 'arm64'
    ? 'AKSUbuntu-2204gen2arm64containerd-202501.12.0'
    : 'AKSUbuntu-2204gen2containerd-202501.12.0';
}

/** The fields ARM puts under `properties` (and the CLI flattens). */
function agentPoolProperties(plan: ClusterPlan, pool: PoolPlan) {
  return {
    count: pool.count,
    vmSize: pool.machineType,
    osDiskSizeGB: 128,
    osDiskType: 'Managed',
    kubeletDiskType: 'OS',
    maxPods: pool.system ? 50 : 110,
    type: 'VirtualMachineScaleSets',
    availabilityZones: pool.zones,
    enableAutoScaling: pool.autoscaling,
    ...(pool.autoscaling ? { minCount: pool.min, maxCount: pool.max } : {}),
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    orchestratorVersion: plan.kubernetesVersion,
    currentOrchestratorVersion: plan.kubernetesVersion,
    enableNodePublicIP: false,
    nodeLabels: pool.labels,
    nodeTaints: pool.taints.map(formatTaint),
    mode: pool.system ? 'System' : 'User',
    osType: pool.os === 'windows' ? 'Windows' : 'Linux',
    osSKU: pool.os === 'windows' ? 'Windows2022' : 'Ubuntu',
    nodeImageVersion: nodeImage(pool),
    ...(pool.spot
      ? { scaleSetPriority: 'Spot', scaleSetEvictionPolicy: 'Delete', spotMaxPrice: -1 }
      : {}),
    upgradeSettings: { maxSurge: '10%' },
    enableFIPS: false,
    tags: pool.owner ? { owner: pool.owner } : {},
  };
}

/** The `agentPools` list body of the ARM REST API: `{"value": [{id, name, type, properties}]}`. */
export const renderAksArmList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.aks.json`,
  text: JSON.stringify(
    {
      value: plan.pools.map(pool => ({
        id: poolId(plan, pool, 'resourceGroups'),
        name: pool.name,
        type: 'Microsoft.ContainerService/managedClusters/agentPools',
        properties: agentPoolProperties(plan, pool),
      })),
    },
    null,
    2,
  ),
  context: { region: plan.region },
});

/**
 * `az aks nodepool list -o json`: flattened, with the CLI's own spellings
 * (`osSku`, `osDiskSizeGb`, `enableFips`), nulls for unset fields, and the
 * lower-case `resourcegroups` the CLI prints in ids.
 */
export const renderAksCliList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.aks.json`,
  text: JSON.stringify(
    plan.pools.map(pool => {
      const { osSKU, osDiskSizeGB, enableFIPS, enableNodePublicIP, type, ...props } =
        agentPoolProperties(plan, pool);
      return {
        ...props,
        minCount: pool.autoscaling ? pool.min : null,
        maxCount: pool.autoscaling ? pool.max : null,
        scaleSetPriority: pool.spot ? 'Spot' : null,
        osSku: osSKU,
        osDiskSizeGb: osDiskSizeGB,
        enableFips: enableFIPS,
        enableNodePublicIp: enableNodePublicIP,
        id: poolId(plan, pool, 'resourcegroups'),
        name: pool.name,
        resourceGroup: resourceGroup(plan),
        type: 'Microsoft.ContainerService/managedClusters/agentPools',
        typePropertiesType: type,
      };
    }),
    null,
    2,
  ),
  context: { region: plan.region },
});
