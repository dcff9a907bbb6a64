import type { ActualPool, ObservedNodes, Provider } from '@nodepools/plugin-nodepools-common';

/*
 * A generated fleet for the drift benchmark: one Terraform state declaring
 * POOLS node pools (EKS, GKE, AKS and DOKS, five per cluster, in for_each
 * module instances, next to their cluster resources with kubeconfig-sized
 * secrets), Karpenter NodePool manifests (one multi-document file per EKS
 * cluster), and the cloud's pools with their nodes' roll-ups, a known share
 * of them drifted.
 */

export interface ManifestFile {
  cluster: string;
  region: string;
  text: string;
}

export interface DriftFleet {
  stateText: string;
  manifests: ManifestFile[];
  actual: ActualPool[];
  /** What the comparison must find. */
  expected: { changed: number; declaredNotFound: number; notInIac: number; versionSkew: number; nodeImage: number };
}

const POOLS_PER_CLUSTER = 5;
const SECRET = 'x'.repeat(2048);

interface PlannedPool {
  provider: Provider;
  account: string;
  region: string;
  cluster: string;
  name: string;
  machineType: string;
  min: number;
  max: number;
  labels: Record<string, string>;
}

function providerOf(cluster: number): Exclude<Provider, 'karpenter' | 'kubernetes'> {
  const slot = cluster % 20;
  if (slot < 8) return 'eks';
  if (slot < 13) return 'gke';
  if (slot < 18) return 'aks';
  return 'doks';
}

const REGIONS: Record<string, string[]> = {
  eks: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  gke: ['us-central1', 'europe-west4'],
  aks: ['westeurope', 'eastus2'],
  doks: ['nyc1', 'ams3'],
};
const MACHINES: Record<string, string[]> = {
  eks: ['m6i.xlarge', 'c6i.2xlarge', 'r6i.large', 'm7g.large'],
  gke: ['n2-standard-8', 'e2-standard-4', 'c3-standard-8'],
  aks: ['Standard_D4s_v5', 'Standard_E8s_v5', 'Standard_D4ps_v5'],
  doks: ['s-4vcpu-8gb', 'c-8', 'g-4vcpu-16gb'],
};

function plan(pools: number): PlannedPool[] {
  const planned: PlannedPool[] = [];
  for (let i = 0; i < pools; i++) {
    const c = Math.floor(i / POOLS_PER_CLUSTER);
    const provider = providerOf(c);
    const regions = REGIONS[provider];
    const machines = MACHINES[provider];
    planned.push({
      provider,
      account: provider === 'doks' ? '' : provider === 'gke' ? `proj-${c % 50}` : provider === 'aks' ? `0000${c % 40}-sub` : `1111${String(c % 60).padStart(8, '0')}`,
      region: regions[c % regions.length],
      cluster: `${provider}-cluster-${String(c).padStart(5, '0')}`,
      name: `pool-${i % POOLS_PER_CLUSTER}`,
      machineType: machines[i % machines.length],
      min: 1 + (i % 3),
      max: 6 + (i % 5),
      labels: { workload: `w${i % 7}`, owner: `team-${c % 30}` },
    });
  }
  return planned;
}

function clusterResource(p: PlannedPool): Record<string, unknown> {
  switch (p.provider) {
    case 'eks':
      return { type: 'aws_eks_cluster', attributes: { arn: `arn:aws:eks:${p.region}:${p.account}:cluster/${p.cluster}`, name: p.cluster, version: '1.31', certificate_authority: [{ data: SECRET }] } };
    case 'gke':
      return { type: 'google_container_cluster', attributes: { id: `projects/${p.account}/locations/${p.region}/clusters/${p.cluster}`, name: p.cluster, location: p.region, project: p.account, master_version: '1.31.4-gke.1', node_pool: [], master_auth: [{ cluster_ca_certificate: SECRET }] } };
    case 'aks':
      return {
        type: 'azurerm_kubernetes_cluster',
        attributes: { id: `/subscriptions/${p.account}/resourceGroups/rg-${p.cluster}/providers/Microsoft.ContainerService/managedClusters/${p.cluster}`, name: p.cluster, location: p.region, resource_group_name: `rg-${p.cluster}`, kubernetes_version: '1.31', default_node_pool: [], kube_config_raw: SECRET },
      };
    default:
      return { type: 'digitalocean_kubernetes_cluster', attributes: { id: `${p.cluster}-id`, name: p.cluster, region: p.region, version: '1.31.1-do.0', node_pool: [], kube_config: [{ raw_config: SECRET }] } };
  }
}

function poolResource(p: PlannedPool): { type: string; attributes: Record<string, unknown> } {
  switch (p.provider) {
    case 'eks':
      return {
        type: 'aws_eks_node_group',
        attributes: {
          arn: `arn:aws:eks:${p.region}:${p.account}:nodegroup/${p.cluster}/${p.name}/0a`, cluster_name: p.cluster, node_group_name: p.name,
          scaling_config: [{ desired_size: p.min, min_size: p.min, max_size: p.max }], instance_types: [p.machineType], capacity_type: 'ON_DEMAND',
          ami_type: 'AL2023_x86_64_STANDARD', labels: p.labels, taint: [], version: '1.31', tags: { owner: p.labels.owner }, tags_all: { owner: p.labels.owner },
          node_role_arn: `arn:aws:iam::${p.account}:role/nodes`, subnet_ids: ['subnet-1', 'subnet-2', 'subnet-3'],
        },
      };
    case 'gke':
      return {
        type: 'google_container_node_pool',
        attributes: {
          id: `projects/${p.account}/locations/${p.region}/clusters/${p.cluster}/nodePools/${p.name}`, name: p.name, cluster: p.cluster, location: p.region, project: p.account,
          node_locations: [`${p.region}-a`, `${p.region}-b`, `${p.region}-c`], autoscaling: [{ min_node_count: p.min, max_node_count: p.max }],
          management: [{ auto_upgrade: true }], version: '1.31.4-gke.1',
          node_config: [{ machine_type: p.machineType, labels: p.labels, taint: [], spot: false, preemptible: false, metadata: { 'startup-script': SECRET.slice(0, 256) } }],
        },
      };
    case 'aks':
      return {
        type: 'azurerm_kubernetes_cluster_node_pool',
        attributes: {
          name: p.name, kubernetes_cluster_id: `/subscriptions/${p.account}/resourceGroups/rg-${p.cluster}/providers/Microsoft.ContainerService/managedClusters/${p.cluster}`,
          vm_size: p.machineType, auto_scaling_enabled: true, min_count: p.min, max_count: p.max, node_count: p.min, mode: 'User', node_labels: p.labels, node_taints: [],
          os_type: 'Linux', priority: 'Regular', zones: ['1', '2', '3'], tags: { owner: p.labels.owner },
        },
      };
    default:
      return {
        type: 'digitalocean_kubernetes_node_pool',
        attributes: { cluster_id: `${p.cluster}-id`, name: p.name, size: p.machineType, auto_scale: true, min_nodes: p.min, max_nodes: p.max, node_count: p.min, labels: p.labels, taint: [], tags: [`owner:${p.labels.owner}`] },
      };
  }
}

function stateText(planned: readonly PlannedPool[]): string {
  const resources: unknown[] = [];
  for (let i = 0; i < planned.length; i += POOLS_PER_CLUSTER) {
    const cluster = planned.slice(i, i + POOLS_PER_CLUSTER);
    const module = `module.cluster[${JSON.stringify(cluster[0].cluster)}]`;
    const c = clusterResource(cluster[0]);
    resources.push({ module, mode: 'managed', type: c.type, name: 'this', instances: [{ schema_version: 0, attributes: c.attributes, sensitive_attributes: [] }] });
    const type = poolResource(cluster[0]).type;
    resources.push({
      module,
      mode: 'managed',
      type,
      name: 'pool',
      instances: cluster.map(p => ({ index_key: p.name, schema_version: 0, attributes: poolResource(p).attributes, sensitive_attributes: [] })),
    });
  }
  return JSON.stringify({ version: 4, terraform_version: '1.9.8', serial: 1, lineage: 'bench', outputs: {}, resources });
}

function observed(p: PlannedPool, index: number, zoneFactor: number): ObservedNodes {
  const zones = p.provider === 'aks' ? [`${p.region}-1`, `${p.region}-2`] : [`${p.region}-a`, `${p.region}-b`];
  return {
    nodeCount: p.min * zoneFactor + 1,
    readyCount: p.min * zoneFactor + 1,
    // Every 200th pool has a node three minors behind 1.31 plus one: outside the skew.
    kubeletVersions: index % 200 === 7 ? ['v1.27.16', 'v1.31.4'] : ['v1.31.4'],
    osImages: ['Linux'],
    zones: p.provider === 'gke' ? [`${p.region}-a`, `${p.region}-b`] : zones,
    allocatable: { cpu: 16, memory: 64 * 2 ** 30 },
    requested: { cpu: 8, memory: 32 * 2 ** 30 },
    observedAt: '2025-01-01T00:00:00.000Z',
  };
}

function actualPool(p: PlannedPool, index: number): ActualPool {
  const gkeZones = [`${p.region}-a`, `${p.region}-b`, `${p.region}-c`];
  const zoneFactor = p.provider === 'gke' ? 3 : 1;
  // Every 20th pool got a label by hand; every 50th a new autoscaler maximum.
  const labels = index % 20 === 3 ? { ...p.labels, hotfix: 'true' } : p.labels;
  const max = (index % 50 === 11 ? p.max + 4 : p.max) * zoneFactor;
  return {
    provider: p.provider,
    account: p.account || undefined,
    region: p.provider === 'aks' || p.provider === 'doks' ? undefined : p.region,
    cluster: p.cluster,
    name: p.name,
    mode: 'user',
    os: 'linux',
    machineTypes: [p.machineType],
    capacityType: 'on-demand',
    nodeCount: p.min * zoneFactor,
    autoscaling: { enabled: true, min: p.min * zoneFactor, max },
    labels,
    taints: [],
    zones: p.provider === 'gke' ? gkeZones : p.provider === 'aks' ? ['1', '2', '3'] : [],
    kubernetesVersion: p.provider === 'doks' ? undefined : p.provider === 'gke' ? '1.31.4-gke.1' : '1.31',
    tags: { owner: p.labels.owner },
    observed: observed(p, index, zoneFactor),
  };
}

const NODEPOOL = (cluster: string, name: string, capacity: string) =>
  `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: ${name}
  labels:
    owner: team-${cluster.length % 30}
spec:
  limits:
    cpu: "1000"
  template:
    metadata:
      labels:
        workload: ${name}
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: default
      requirements:
      - key: karpenter.sh/capacity-type
        operator: In
        values: [${capacity}]
      - key: karpenter.k8s.aws/instance-category
        operator: In
        values: [c, m, r]
      taints:
      - key: dedicated
        value: ${name}
        effect: NoSchedule
`;

function karpenterFleet(count: number): { manifests: ManifestFile[]; actual: ActualPool[]; drifted: number } {
  const manifests: ManifestFile[] = [];
  const actual: ActualPool[] = [];
  let drifted = 0;
  for (let i = 0; i < count; i += POOLS_PER_CLUSTER) {
    const cluster = `karpenter-cluster-${String(i / POOLS_PER_CLUSTER).padStart(5, '0')}`;
    const docs: string[] = [];
    for (let j = i; j < Math.min(count, i + POOLS_PER_CLUSTER); j++) {
      const name = `np-${j % POOLS_PER_CLUSTER}`;
      const capacity = j % 2 ? 'spot' : 'on-demand';
      docs.push(NODEPOOL(cluster, name, capacity));
      const changed = j % 20 === 9;
      if (changed) drifted++;
      actual.push({
        provider: 'karpenter',
        region: 'us-east-1',
        cluster,
        name,
        mode: 'user',
        os: 'linux',
        machineTypes: [],
        capacityType: capacity === 'spot' ? 'spot' : 'on-demand',
        autoscaling: { enabled: true },
        labels: { workload: name },
        taints: [{ key: 'dedicated', value: name, effect: 'NoSchedule' }],
        zones: [],
        tags: { owner: `team-${cluster.length % 30}` },
        requirements: [
          { key: 'karpenter.sh/capacity-type', operator: 'In', values: changed ? ['spot', 'on-demand'] : [capacity] },
          { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
        ],
        limits: { cpu: '1000' },
      });
    }
    manifests.push({ cluster, region: 'us-east-1', text: docs.join('---\n') });
  }
  return { manifests, actual, drifted };
}

export function generateDriftFleet(pools: number, karpenterPools: number): DriftFleet {
  const planned = plan(pools);
  const actual: ActualPool[] = [];
  let changed = 0;
  let declaredNotFound = 0;
  let versionSkew = 0;
  let nodeImage = 0;
  planned.forEach((p, index) => {
    // Every 100th declared pool is gone from the cloud.
    if (index % 100 === 42) {
      declaredNotFound++;
      return;
    }
    if (index % 20 === 3) changed++;
    if (index % 50 === 11) changed++;
    if (index % 200 === 7) versionSkew++;
    // DOKS pools have no version of their own to be behind.
    if (index % 200 === 7 && p.provider !== 'doks') nodeImage++;
    actual.push(actualPool(p, index));
  });
  // One click-ops pool in every 20th cluster.
  let notInIac = 0;
  for (let i = 0; i < planned.length; i += POOLS_PER_CLUSTER * 20) {
    notInIac++;
    actual.push({ ...actualPool(planned[i], i), name: 'click-ops', observed: undefined });
  }
  const karpenter = karpenterFleet(karpenterPools);
  return {
    stateText: stateText(planned),
    manifests: karpenter.manifests,
    actual: [...actual, ...karpenter.actual],
    expected: { changed: changed + karpenter.drifted, declaredNotFound, notInIac, versionSkew, nodeImage },
  };
}
