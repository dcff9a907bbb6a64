import type {
  NodePool,
  NodePoolDetail,
  PoolHistoryEntry,
  SourceStatusInfo,
} from '@nodepools/plugin-nodepools-common';

const GiB = 1024 ** 3;

/** An EKS managed node group that the cluster also reports, one node not ready. */
export const eksGeneral: NodePool = {
  ref: 'eks/111122223333/us-east-1/prod-use1/ng-general',
  provider: 'eks',
  account: '111122223333',
  region: 'us-east-1',
  cluster: 'prod-use1',
  name: 'ng-general',
  mode: 'user',
  os: 'linux',
  arch: 'amd64',
  machineTypes: ['m6i.xlarge', 'm5.xlarge'],
  capacityType: 'on-demand',
  nodeCount: 3,
  autoscaling: { enabled: true, min: 1, max: 5 },
  labels: { 'eks.amazonaws.com/nodegroup': 'ng-general', team: 'payments' },
  taints: [],
  zones: [],
  kubernetesVersion: '1.31',
  nodeImageVersion: '1.31.2-20241121',
  state: 'ACTIVE',
  tags: { team: 'payments', env: 'prod' },
  diskSizeGb: 50,
  owner: 'group:default/payments',
  ownerSource: 'tag',
  observed: {
    nodeCount: 3,
    readyCount: 2,
    kubeletVersions: ['v1.31.2-eks-7f9249a'],
    osImages: ['Amazon Linux 2023.6.20241121'],
    zones: ['us-east-1a', 'us-east-1b'],
    allocatable: { cpu: 11.58, memory: 45 * GiB, pods: 174 },
    requested: { cpu: 7.25, memory: 18 * GiB, pods: 61 },
    observedAt: '2026-11-10T11:58:00.000Z',
  },
  source: 'eks-prod',
  firstSeenAt: '2026-09-01T08:00:00.000Z',
  lastSeenAt: '2026-11-10T11:58:00.000Z',
  stale: false,
};

/** A Graviton spot node group whose source failed its last sync. */
export const eksSpotArm: NodePool = {
  ref: 'eks/111122223333/us-east-1/prod-use1/ng-spot-arm',
  provider: 'eks',
  account: '111122223333',
  region: 'us-east-1',
  cluster: 'prod-use1',
  name: 'ng-spot-arm',
  mode: 'user',
  os: 'linux',
  arch: 'arm64',
  machineTypes: ['m7g.large', 'm6g.large', 'c7g.large', 'c6g.large'],
  capacityType: 'spot',
  nodeCount: 6,
  autoscaling: { enabled: true, min: 0, max: 20 },
  labels: { 'eks.amazonaws.com/capacityType': 'SPOT' },
  taints: [{ key: 'spot', value: 'true', effect: 'NoSchedule' }],
  zones: [],
  kubernetesVersion: '1.31',
  nodeImageVersion: '1.31.2-20241121',
  state: 'ACTIVE',
  tags: {},
  source: 'eks-prod',
  firstSeenAt: '2026-09-01T08:00:00.000Z',
  lastSeenAt: '2026-11-09T23:00:00.000Z',
  stale: true,
  staleReason:
    'eks-prod: ThrottlingException: Rate exceeded (after 5 attempts)',
};

/** EKS Auto Mode's built-in pool: no node bounds, spot and on-demand. */
export const karpenterGeneral: NodePool = {
  ref: 'karpenter/111122223333/us-west-2/auto-usw2/general-purpose',
  provider: 'karpenter',
  account: '111122223333',
  region: 'us-west-2',
  cluster: 'auto-usw2',
  name: 'general-purpose',
  mode: 'user',
  os: 'linux',
  arch: 'amd64',
  machineTypes: ['c', 'm', 'r'],
  capacityType: 'on-demand',
  nodeCount: 4,
  autoscaling: { enabled: true },
  labels: {},
  taints: [],
  zones: [],
  tags: {},
  requirements: [
    { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
    { key: 'eks.amazonaws.com/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
  ],
  limits: { cpu: '1000', memory: '1000Gi' },
  source: 'karpenter-auto',
  firstSeenAt: '2026-10-01T08:00:00.000Z',
  lastSeenAt: '2026-11-10T11:50:00.000Z',
  stale: false,
};

/** A regional GKE pool with a GPU taint. */
export const gkeGpu: NodePool = {
  ref: 'gke/ml-prod/europe-west4/train-euw4/gpu-l4',
  provider: 'gke',
  account: 'ml-prod',
  region: 'europe-west4',
  cluster: 'train-euw4',
  name: 'gpu-l4',
  mode: 'user',
  os: 'linux',
  arch: 'amd64',
  machineTypes: ['g2-standard-8'],
  capacityType: 'on-demand',
  nodeCount: 2,
  autoscaling: { enabled: true, min: 0, max: 4 },
  labels: { 'cloud.google.com/gke-nodepool': 'gpu-l4', owner: 'ml-platform' },
  taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
  zones: ['europe-west4-a', 'europe-west4-b', 'europe-west4-c'],
  kubernetesVersion: '1.30.5-gke.1014001',
  state: 'RUNNING',
  tags: {},
  maxPodsPerNode: 110,
  owner: 'group:default/ml-platform',
  ownerSource: 'label',
  source: 'gke-ml',
  firstSeenAt: '2026-08-12T10:00:00.000Z',
  lastSeenAt: '2026-11-10T11:40:00.000Z',
  stale: false,
};

/** An AKS system pool. */
export const aksSystem: NodePool = {
  ref: 'aks/0b1f6471-1bf0-4dda-aec3-cb9272f09590/westeurope/shop-weu/system',
  provider: 'aks',
  account: '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
  region: 'westeurope',
  cluster: 'shop-weu',
  name: 'system',
  mode: 'system',
  os: 'linux',
  arch: 'amd64',
  machineTypes: ['Standard_D4s_v5'],
  capacityType: 'on-demand',
  nodeCount: 3,
  autoscaling: { enabled: false },
  labels: { 'kubernetes.azure.com/mode': 'system' },
  taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }],
  zones: ['1', '2', '3'],
  kubernetesVersion: '1.30.6',
  nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202411.12.0',
  state: 'Succeeded',
  tags: {},
  source: 'aks-shop',
  firstSeenAt: '2026-07-01T09:00:00.000Z',
  lastSeenAt: '2026-11-10T11:45:00.000Z',
  stale: false,
};

/** An AKS Windows spot pool with the taint AKS puts on spot nodes. */
export const aksWindowsSpot: NodePool = {
  ...aksSystem,
  ref: 'aks/0b1f6471-1bf0-4dda-aec3-cb9272f09590/westeurope/shop-weu/winspot',
  name: 'winspot',
  mode: 'user',
  os: 'windows',
  machineTypes: ['Standard_D8s_v5'],
  capacityType: 'spot',
  nodeCount: 2,
  autoscaling: { enabled: true, min: 1, max: 8 },
  labels: { 'kubernetes.azure.com/scalesetpriority': 'spot' },
  taints: [
    {
      key: 'kubernetes.azure.com/scalesetpriority',
      value: 'spot',
      effect: 'NoSchedule',
    },
  ],
  nodeImageVersion: 'AKSWindows-2022-containerd-20348.2849.241113',
  owner: 'group:default/storefront',
  ownerSource: 'config',
};

/** A fixed-size DigitalOcean pool with no owner. */
export const doksFixed: NodePool = {
  ref: 'doks/-/nyc1/edge-nyc1/pool-web',
  provider: 'doks',
  region: 'nyc1',
  cluster: 'edge-nyc1',
  name: 'pool-web',
  mode: 'user',
  os: 'linux',
  arch: 'amd64',
  machineTypes: ['s-4vcpu-8gb'],
  capacityType: 'on-demand',
  nodeCount: 3,
  autoscaling: { enabled: false },
  labels: { 'doks.digitalocean.com/node-pool': 'pool-web' },
  taints: [{ key: 'dedicated', effect: 'PreferNoSchedule' }],
  zones: [],
  kubernetesVersion: '1.31.1-do.4',
  tags: { 'k8s:worker': '' },
  source: 'files',
  firstSeenAt: '2026-10-20T12:00:00.000Z',
  lastSeenAt: '2026-11-10T11:30:00.000Z',
  stale: false,
};

/** A pool seen only through its nodes: no cloud view of it exists. */
export const kubernetesOnly: NodePool = {
  ref: 'kubernetes/-/-/onprem-dc1/workers-large',
  provider: 'kubernetes',
  cluster: 'onprem-dc1',
  name: 'workers-large',
  mode: 'user',
  os: 'linux',
  arch: 'amd64',
  machineTypes: [],
  capacityType: 'on-demand',
  autoscaling: { enabled: false },
  labels: {},
  taints: [],
  zones: [],
  tags: {},
  observed: {
    nodeCount: 5,
    readyCount: 5,
    kubeletVersions: ['v1.29.8'],
    osImages: ['Ubuntu 22.04.4 LTS'],
    zones: [],
    allocatable: { cpu: 80, memory: 320 * GiB },
    requested: { cpu: 12, memory: 40 * GiB },
    observedAt: '2026-11-10T11:59:00.000Z',
  },
  source: 'kubernetes',
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  lastSeenAt: '2026-11-10T11:59:00.000Z',
  stale: false,
};

export const ALL_POOLS: NodePool[] = [
  eksGeneral,
  eksSpotArm,
  karpenterGeneral,
  gkeGpu,
  aksSystem,
  aksWindowsSpot,
  doksFixed,
  kubernetesOnly,
];

/** The describe-nodegroup record `eksGeneral` was read from. */
export const eksGeneralDetail: NodePoolDetail = {
  ...eksGeneral,
  raw: {
    nodegroupName: 'ng-general',
    clusterName: 'prod-use1',
    version: '1.31',
    releaseVersion: '1.31.2-20241121',
    status: 'ACTIVE',
    capacityType: 'ON_DEMAND',
    scalingConfig: { minSize: 1, maxSize: 5, desiredSize: 3 },
    instanceTypes: ['m6i.xlarge', 'm5.xlarge'],
    amiType: 'AL2023_x86_64_STANDARD',
    tags: { team: 'payments', env: 'prod' },
  },
};

export const eksGeneralHistory: PoolHistoryEntry[] = [
  {
    id: 3,
    ref: eksGeneral.ref,
    event: 'updated',
    source: 'eks-prod',
    at: '2026-11-08T10:00:00.000Z',
    changes: [
      { field: 'autoscaling.max', before: 4, after: 5 },
      { field: 'labels.team', before: undefined, after: 'payments' },
    ],
  },
  {
    id: 2,
    ref: eksGeneral.ref,
    event: 'updated',
    source: 'eks-prod',
    at: '2026-10-02T10:00:00.000Z',
    changes: [{ field: 'kubernetesVersion', before: '1.30', after: '1.31' }],
  },
  {
    id: 1,
    ref: eksGeneral.ref,
    event: 'created',
    source: 'eks-prod',
    at: '2026-09-01T08:00:00.000Z',
    changes: [],
  },
];

export const SOURCES: SourceStatusInfo[] = [
  {
    id: 'files',
    kind: 'file',
    target: '3 files under ./examples/inventory',
    status: 'partial',
    lastRunAt: '2026-11-10T11:30:00.000Z',
    lastSuccessAt: '2026-11-10T11:30:00.000Z',
    durationMs: 420,
    poolCount: 61,
    issues: [
      {
        file: 'examples/inventory/broken.json',
        index: 2,
        field: 'scalingConfig.maxSize',
        message: 'expected a number, got "five"',
      },
    ],
    nextRunAt: '2026-11-10T11:35:00.000Z',
  },
  {
    id: 'eks-prod',
    kind: 'eks',
    target: 'account 111122223333, regions us-east-1, eu-west-1',
    status: 'error',
    lastRunAt: '2026-11-10T11:58:00.000Z',
    lastSuccessAt: '2026-11-09T23:00:00.000Z',
    durationMs: 31_500,
    poolCount: 14,
    error: 'ThrottlingException: Rate exceeded (after 5 attempts)',
    issues: [],
    nextRunAt: '2026-11-10T12:08:00.000Z',
  },
  {
    id: 'gke-ml',
    kind: 'gke',
    target: 'project ml-prod, all locations',
    status: 'never',
    poolCount: 0,
    issues: [],
  },
];

/** `count` distinct GKE pools, for paging through more than one page. */
export function generatePools(count: number): NodePool[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `pool-${String(i).padStart(4, '0')}`;
    const cluster = `batch-${Math.floor(i / 10)}`;
    return {
      ...gkeGpu,
      ref: `gke/batch-prod/us-central1/${cluster}/${name}`,
      cluster,
      region: 'us-central1',
      name,
      taints: [],
      nodeCount: i % 7,
      autoscaling: { enabled: true, min: 0, max: 6 },
    };
  });
}
