import { Random } from './random';

/*
 * The inventory a benchmark runs on, decided before anything is rendered: a
 * list of clusters, each with its pools in cloud-neutral terms. Renderers turn
 * a cluster into the file its cloud's CLI or API would have produced.
 */

export type CloudProvider = 'eks' | 'karpenter' | 'gke' | 'aks' | 'doks';

/** The export a cluster's file imitates; see render/ for each shape. */
export type ExportShape =
  | 'eks-describe-nodegroup-list'
  | 'eks-nodegroup-list'
  | 'karpenter-yaml'
  | 'gke-rest-list'
  | 'gke-gcloud-list'
  | 'aks-arm-list'
  | 'aks-cli-list'
  | 'doks-rest-list'
  | 'doks-doctl-list';

export type PlanTaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface PlanTaint {
  key: string;
  value?: string;
  effect: PlanTaintEffect;
}

export interface PoolPlan {
  name: string;
  machineType: string;
  arch: 'amd64' | 'arm64';
  os: 'linux' | 'windows';
  gpu: boolean;
  spot: boolean;
  system: boolean;
  autoscaling: boolean;
  min: number;
  max: number;
  count: number;
  zones: string[];
  labels: Record<string, string>;
  taints: PlanTaint[];
  /** The owning team, written as an `owner` tag; absent for unowned pools. */
  owner?: string;
  /** Stable per-pool id the clouds put in ARNs, uids and node names. */
  id: string;
}

export interface ClusterPlan {
  index: number;
  provider: CloudProvider;
  shape: ExportShape;
  /** AWS account, GCP project or Azure subscription; DigitalOcean has none in its records. */
  account?: string;
  region: string;
  /** GKE zonal clusters live in one zone; everything else in its region. */
  location: string;
  cluster: string;
  kubernetesVersion: string;
  /** Azure resource group, DigitalOcean cluster id and similar per-cluster ids. */
  id: string;
  pools: PoolPlan[];
}

const TEAMS = [
  'payments', 'search', 'checkout', 'data', 'ml', 'platform', 'web', 'identity',
  'billing', 'ads', 'media', 'risk', 'mobile', 'growth', 'ledger', 'catalog',
];
const ENVIRONMENTS = ['prod', 'staging', 'dev'];

const PROVIDER_WEIGHTS: Array<[CloudProvider, number]> = [
  ['eks', 0.3],
  ['karpenter', 0.15],
  ['gke', 0.25],
  ['aks', 0.2],
  ['doks', 0.1],
];

const SHAPES: Record<CloudProvider, ExportShape[]> = {
  eks: ['eks-describe-nodegroup-list', 'eks-nodegroup-list'],
  karpenter: ['karpenter-yaml'],
  gke: ['gke-rest-list', 'gke-gcloud-list'],
  aks: ['aks-arm-list', 'aks-cli-list'],
  doks: ['doks-rest-list', 'doks-doctl-list'],
};

const REGIONS: Record<CloudProvider, string[]> = {
  eks: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'],
  karpenter: ['us-east-1', 'us-west-2', 'eu-west-1'],
  gke: ['europe-west4', 'us-central1', 'us-east4', 'asia-northeast1'],
  aks: ['westeurope', 'eastus', 'northeurope', 'southeastasia'],
  doks: ['nyc1', 'ams3', 'fra1', 'sgp1', 'sfo3'],
};

const VERSIONS: Record<CloudProvider, string[]> = {
  eks: ['1.30', '1.31', '1.32'],
  karpenter: ['1.31', '1.32'],
  gke: ['1.30.9-gke.1127000', '1.31.5-gke.1023000', '1.32.2-gke.1182000'],
  aks: ['1.30.7', '1.31.3', '1.32.0'],
  doks: ['1.30.9-do.0', '1.31.5-do.0', '1.32.1-do.0'],
};

interface MachineChoice {
  type: string;
  arch: 'amd64' | 'arm64';
  gpu?: boolean;
}

const MACHINES: Record<CloudProvider, MachineChoice[]> = {
  eks: [
    { type: 'm6i.large', arch: 'amd64' },
    { type: 'm6i.xlarge', arch: 'amd64' },
    { type: 'c6i.2xlarge', arch: 'amd64' },
    { type: 'r6i.xlarge', arch: 'amd64' },
    { type: 'm7g.large', arch: 'arm64' },
    { type: 'c7g.xlarge', arch: 'arm64' },
    { type: 'g5.xlarge', arch: 'amd64', gpu: true },
  ],
  karpenter: [
    { type: 'c', arch: 'amd64' },
    { type: 'm', arch: 'amd64' },
    { type: 'r', arch: 'arm64' },
  ],
  gke: [
    { type: 'e2-standard-4', arch: 'amd64' },
    { type: 'n2-standard-8', arch: 'amd64' },
    { type: 'c3-standard-4', arch: 'amd64' },
    { type: 't2a-standard-4', arch: 'arm64' },
    { type: 'c4a-standard-8', arch: 'arm64' },
    { type: 'g2-standard-8', arch: 'amd64', gpu: true },
  ],
  aks: [
    { type: 'Standard_D4ds_v5', arch: 'amd64' },
    { type: 'Standard_D8s_v5', arch: 'amd64' },
    { type: 'Standard_E8ds_v5', arch: 'amd64' },
    { type: 'Standard_D4pds_v5', arch: 'arm64' },
    { type: 'Standard_NC6s_v3', arch: 'amd64', gpu: true },
  ],
  doks: [
    { type: 's-2vcpu-4gb', arch: 'amd64' },
    { type: 's-4vcpu-8gb', arch: 'amd64' },
    { type: 'c-8', arch: 'amd64' },
    { type: 'g-4vcpu-16gb', arch: 'amd64' },
  ],
};

const POOL_ROLES = [
  'general', 'batch', 'web', 'workers', 'memory', 'compute', 'jobs', 'ingest',
];

/** Pools per cluster cycle 3..7, so every 5 clusters hold exactly 25 pools. */
export function poolsInCluster(index: number): number {
  return 3 + (index % 5);
}

function weightedProvider(random: Random): CloudProvider {
  let roll = random.next();
  for (const [provider, weight] of PROVIDER_WEIGHTS) {
    if (roll < weight) return provider;
    roll -= weight;
  }
  return PROVIDER_WEIGHTS[PROVIDER_WEIGHTS.length - 1][0];
}

function accountFor(
  provider: CloudProvider,
  team: string,
  env: string,
  random: Random,
): string | undefined {
  switch (provider) {
    case 'eks':
    case 'karpenter':
      // A dozen accounts, as an organization with one account per team group.
      return String(100000000000 + random.int(0, 11) * 111111111);
    case 'gke':
      return `acme-${team}-${env}`;
    case 'aks':
      return `0a1b2c3d-${String(random.int(0, 9)).repeat(4)}-4222-8333-444455556666`;
    default:
      return undefined;
  }
}

function zonesFor(provider: CloudProvider, region: string, location: string): string[] {
  switch (provider) {
    case 'eks':
    case 'karpenter':
      return ['a', 'b', 'c'].map(z => `${region}${z}`);
    case 'gke':
      return location === region ? ['a', 'b', 'c'].map(z => `${region}-${z}`) : [location];
    case 'aks':
      return ['1', '2', '3'];
    default:
      return [];
  }
}

function systemPool(provider: CloudProvider, cluster: ClusterPlan, random: Random): PoolPlan {
  const machine = MACHINES[provider][0];
  const tainted = provider !== 'gke' && provider !== 'doks';
  return {
    // DOKS calls a cluster's first pool `default`; the others name it `system`.
    name: provider === 'doks' ? 'default' : 'system',
    machineType: machine.type,
    arch: machine.arch,
    os: 'linux',
    gpu: false,
    spot: false,
    system: true,
    autoscaling: provider !== 'doks',
    min: 2,
    max: 4,
    count: 2 + random.int(0, 2),
    zones: zonesFor(provider, cluster.region, cluster.location),
    labels: { role: 'system' },
    taints: tainted ? [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }] : [],
    owner: 'platform',
    id: random.uuid(),
  };
}

function workloadPool(
  provider: CloudProvider,
  cluster: ClusterPlan,
  position: number,
  team: string,
  random: Random,
): PoolPlan {
  const machine = random.pick(MACHINES[provider]);
  // DigitalOcean has no spot droplets.
  const spot = provider !== 'doks' && !machine.gpu && random.chance(0.25);
  const windowsCapable = provider === 'eks' || provider === 'aks' || provider === 'gke';
  const windows =
    windowsCapable && !machine.gpu && machine.arch === 'amd64' && random.chance(0.05);
  const autoscaling = random.chance(0.85);
  const min = random.int(0, 3);
  const max = min + random.int(2, 30);
  const count = autoscaling ? random.int(min, max) : random.int(1, 10);
  const taints: PlanTaint[] = [];
  if (machine.gpu) taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
  if (spot) {
    taints.push(
      provider === 'aks'
        ? { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' }
        : { key: 'spot', value: 'true', effect: 'PreferNoSchedule' },
    );
  }
  if (windows) taints.push({ key: 'os', value: 'windows', effect: 'NoSchedule' });
  const role = POOL_ROLES[(cluster.index + position) % POOL_ROLES.length];
  // AKS names pools with 1-12 lower-case alphanumerics (Windows: 6).
  const kind = spot ? 'spot' : machine.gpu ? 'gpu' : machine.arch;
  const name =
    provider === 'aks'
      ? `${windows ? 'win' : role.slice(0, 5)}${position}`.slice(0, windows ? 6 : 12)
      : `${role}-${kind}-${position}`;
  return {
    name,
    machineType: machine.type,
    arch: machine.arch,
    os: windows ? 'windows' : 'linux',
    gpu: Boolean(machine.gpu),
    spot,
    system: false,
    autoscaling,
    min,
    max,
    count,
    zones: zonesFor(provider, cluster.region, cluster.location),
    labels: { workload: role, ...(machine.gpu ? { accelerator: 'nvidia' } : {}) },
    taints,
    owner: random.chance(0.9) ? team : undefined,
    id: random.uuid(),
  };
}

/**
 * The clusters of a generated inventory. Deterministic in `seed`; cluster
 * `i` holds `poolsInCluster(i)` pools, the first of them a system pool.
 */
export function planInventory(options: { clusters: number; seed: number; ownerGroups?: number }): ClusterPlan[] {
  const random = new Random(options.seed);
  const plans: ClusterPlan[] = [];
  for (let index = 0; index < options.clusters; index++) {
    const provider = weightedProvider(random);
    const team = TEAMS[index % TEAMS.length];
    const env = ENVIRONMENTS[Math.floor(index / TEAMS.length) % ENVIRONMENTS.length];
    const region = random.pick(REGIONS[provider]);
    const zonal = provider === 'gke' && random.chance(0.4);
    const cluster: ClusterPlan = {
      index,
      provider,
      shape: random.pick(SHAPES[provider]),
      account: accountFor(provider, team, env, random),
      region,
      location: zonal ? `${region}-${random.pick(['a', 'b', 'c'])}` : region,
      cluster: `${team}-${env}-${String(index).padStart(4, '0')}`,
      kubernetesVersion: random.pick(VERSIONS[provider]),
      id: random.uuid(),
      pools: [],
    };
    cluster.pools.push(systemPool(provider, cluster, random));
    for (let position = 1; position < poolsInCluster(index); position++) {
      // `ownerGroups` spreads the pools over that many groups, cluster by cluster.
      const owner = options.ownerGroups ? `team-${(index * 5 + position) % options.ownerGroups}` : `team-${team}`;
      cluster.pools.push(workloadPool(provider, cluster, position, owner, random));
    }
    plans.push(cluster);
  }
  return plans;
}

export function countPools(plans: readonly ClusterPlan[]): number {
  return plans.reduce((sum, plan) => sum + plan.pools.length, 0);
}
