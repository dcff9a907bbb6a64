export { planInventory, countPools, poolsInCluster } from './plan';
export type { ClusterPlan, PoolPlan, CloudProvider, ExportShape } from './plan';
export { writeInventory, writeClusters, sourcesConfigYaml } from './writeInventory';
export type { GeneratedFile, GeneratedInventory } from './writeInventory';
export { applyScalingChange } from './scalingChange';
export type { ScalingChange } from './scalingChange';
