import type { ClusterPlan, PlanTaintEffect, PoolPlan } from '../plan';
import type { ExportRenderer } from './types';
import { CREATED_AT } from './types';

const EKS_EFFECTS: Record<PlanTaintEffect, string> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

function amiType(pool: PoolPlan): string {
  if (pool.os === 'windows') return 'WINDOWS_CORE_2022_x86_64';
  if (pool.gpu) return 'AL2023_x86_64_NVIDIA';
  return pool.arch === 'arm64' ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}

/** One nodegroup as `aws eks describe-nodegroup` prints it under `nodegroup`. */
function nodegroup(plan: ClusterPlan, pool: PoolPlan) {
  const arnPrefix = `arn:aws:eks:${plan.region}:${plan.account}`;
  const fixed = !pool.autoscaling;
  return {
    nodegroupName: pool.name,
    nodegroupArn: `${arnPrefix}:nodegroup/${plan.cluster}/${pool.name}/${pool.id}`,
    clusterName: plan.cluster,
    version: plan.kubernetesVersion,
    releaseVersion: `${plan.kubernetesVersion}.4-20250123`,
    createdAt: '2024-11-04T10:21:07.112000+00:00',
    modifiedAt: CREATED_AT,
    status: 'ACTIVE',
    capacityType: pool.spot ? 'SPOT' : 'ON_DEMAND',
    scalingConfig: {
      minSize: fixed ? pool.count : pool.min,
      maxSize: fixed ? pool.count : pool.max,
      desiredSize: pool.count,
    },
    instanceTypes: [pool.machineType],
    subnets: pool.zones.map((_, i) => `subnet-0${pool.id.replace(/-/g, '').slice(i, i + 16)}`),
    amiType: amiType(pool),
    nodeRole: `arn:aws:iam::${plan.account}:role/${plan.cluster}-node`,
    labels: pool.labels,
    taints: pool.taints.map(t => ({
      key: t.key,
      ...(t.value !== undefined ? { value: t.value } : {}),
      effect: EKS_EFFECTS[t.effect],
    })),
    resources: { autoScalingGroups: [{ name: `eks-${pool.name}-${pool.id}` }] },
    diskSize: pool.gpu ? 200 : 50,
    health: { issues: [] },
    updateConfig: { maxUnavailable: 1 },
    tags: pool.owner ? { owner: pool.owner } : {},
  };
}

/** A list of `aws eks describe-nodegroup` outputs: `[{"nodegroup": {...}}, ...]`. */
export const renderEksDescribeList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.eks.json`,
  text: JSON.stringify(plan.pools.map(pool => ({ nodegroup: nodegroup(plan, pool) })), null, 2),
  context: {},
});

/** A list of bare nodegroups (each output's `nodegroup`, as `--query nodegroup` prints it). */
export const renderEksNodegroupList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.eks.json`,
  text: JSON.stringify(plan.pools.map(pool => nodegroup(plan, pool)), null, 2),
  context: {},
});
