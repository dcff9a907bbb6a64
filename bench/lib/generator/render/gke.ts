import type { ClusterPlan, PlanTaintEffect, PoolPlan } from '../plan';
import type { ExportRenderer } from './types';

const GKE_EFFECTS: Record<PlanTaintEffect, string> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

/** One node pool as the GKE API returns it (zero values left out, as proto3 JSON does). */
function nodePool(plan: ClusterPlan, pool: PoolPlan) {
  const base = `https://container.googleapis.com/v1/projects/${plan.account}`;
  // Zonal clusters' links still say `zones/`, which the v1 API accepts alongside `locations/`.
  const zonal = plan.location !== plan.region;
  const clusterPath = `${zonal ? 'zones' : 'locations'}/${plan.location}/clusters/${plan.cluster}`;
  return {
    name: pool.name,
    config: {
      machineType: pool.machineType,
      diskSizeGb: 100,
      oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      metadata: { 'disable-legacy-endpoints': 'true' },
      imageType: pool.os === 'windows' ? 'WINDOWS_LTSC_CONTAINERD' : 'COS_CONTAINERD',
      labels: pool.labels,
      serviceAccount: `gke-nodes@${plan.account}.iam.gserviceaccount.com`,
      diskType: 'pd-balanced',
      ...(pool.spot ? { spot: true } : {}),
      ...(pool.gpu
        ? { accelerators: [{ acceleratorCount: '1', acceleratorType: 'nvidia-l4' }] }
        : {}),
      ...(pool.taints.length
        ? {
            taints: pool.taints.map(t => ({
              key: t.key,
              ...(t.value !== undefined ? { value: t.value } : {}),
              effect: GKE_EFFECTS[t.effect],
            })),
          }
        : {}),
      shieldedInstanceConfig: { enableIntegrityMonitoring: true },
      resourceLabels: pool.owner ? { owner: pool.owner } : {},
    },
    initialNodeCount: pool.count,
    ...(pool.autoscaling
      ? {
          autoscaling: {
            enabled: true,
            minNodeCount: pool.min,
            maxNodeCount: pool.max,
            locationPolicy: 'BALANCED',
          },
        }
      : {}),
    management: { autoUpgrade: true, autoRepair: true },
    maxPodsConstraint: { maxPodsPerNode: '110' },
    podIpv4CidrSize: 24,
    locations: pool.zones,
    selfLink: `${base}/${clusterPath}/nodePools/${pool.name}`,
    version: plan.kubernetesVersion,
    instanceGroupUrls: pool.zones.map(
      zone =>
        `https://www.googleapis.com/compute/v1/projects/${plan.account}/zones/${zone}` +
        `/instanceGroupManagers/gke-${plan.cluster}-${pool.name}-${pool.id.slice(0, 8)}-grp`,
    ),
    status: 'RUNNING',
    upgradeSettings: { maxSurge: 1, strategy: 'SURGE' },
    etag: pool.id,
  };
}

/** The `nodePools.list` REST body: `{"nodePools": [...]}`. */
export const renderGkeRestList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.gke.json`,
  text: JSON.stringify({ nodePools: plan.pools.map(pool => nodePool(plan, pool)) }, null, 2),
  context: {},
});

/** `gcloud container node-pools list --format=json`: a bare array. */
export const renderGkeGcloudList: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.gke.json`,
  text: JSON.stringify(plan.pools.map(pool => nodePool(plan, pool)), null, 2),
  context: {},
});
