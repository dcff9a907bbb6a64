import * as fs from 'fs';
import * as path from 'path';
import { compareDrift } from '../drift/compare';
import type { ActualPool } from '../drift/types';
import type { ObservedNodes } from '../model/pool';
import { parseExport } from '../parsers/parseExport';
import type { ExportContext } from '../parsers/types';
import { readDesired } from './read';
import type { DesiredContext, DesiredFormat, DesiredPool } from './types';

/*
 * Contract test over the public desired-state samples kept next to the
 * repository (read only, never copied in): every sample must read to the
 * pools below, and compare as expected with the public API samples of the
 * same cloud.
 */
const FIXTURES =
  process.env.NODEPOOLS_SHARED_FIXTURES ?? path.resolve(__dirname, '../../../../../shared/fixtures');
const DRIFT = path.join(FIXTURES, 'drift');
const AVAILABLE = fs.existsSync(DRIFT);
const describeWithSamples = AVAILABLE ? describe : describe.skip;

type KeyFields = Partial<DesiredPool> & { name: string };

interface Expected {
  ctx?: DesiredContext;
  format: DesiredFormat;
  pools: KeyFields[];
  clusters: Array<{ name: string; kubernetesVersion?: string }>;
}

const AKS3 = { provider: 'aks', account: '9ea687dd-8c83-4b91-8591-34cb80a6d220', region: 'southindia', cluster: 'learnk8scluster', target: { resourceGroup: 'learnk8sResourceGroup' } } as const;

const SAMPLES: Record<string, Expected> = {
  'tfstate-eks-nodegroup-basic.json': {
    format: 'terraform-state',
    pools: [
      {
        name: 'node-group-1',
        provider: 'eks',
        account: '01',
        region: 'eu-west-3',
        cluster: 'eks_cluster_app',
        address: 'aws_eks_node_group.node',
        autoscaling: { enabled: false, min: 1, max: 1 },
        nodeCount: 1,
        machineTypes: ['t3.medium'],
        capacityType: 'on-demand',
        os: 'linux',
        arch: 'amd64',
        taints: [],
        kubernetesVersion: '1.21',
        diskSizeGb: 20,
      },
    ],
    clusters: [{ name: 'eks_cluster_app', kubernetesVersion: '1.21' }],
  },
  'tfstate-gke-module-count.json': {
    format: 'terraform-state',
    pools: [
      {
        name: 'default-org-test-pool-0',
        provider: 'gke',
        account: 'gke-test-311519',
        region: 'us-central1',
        cluster: 'default-org-test-gke',
        address: 'module.gke.google_container_node_pool.gke_node_pool[0]',
        autoscaling: { enabled: true, min: 1, max: 4 },
        perZone: { min: 1, max: 4 },
        zones: ['us-central1-c'],
        machineTypes: ['custom-4-8192'],
        capacityType: 'spot',
        labels: {},
        taints: [],
        kubernetesVersion: '1.18.16-gke.502',
        maxPodsPerNode: 110,
        autoUpgrade: true,
      },
    ],
    clusters: [{ name: 'default-org-test-gke', kubernetesVersion: '1.18.16-gke.502' }],
  },
  'tfstate-aks-cluster-nodepool-azurerm3.json': {
    format: 'terraform-state',
    pools: [
      { ...AKS3, name: 'default', resourceType: 'azurerm_kubernetes_cluster.default_node_pool', mode: 'system', autoscaling: { enabled: false }, nodeCount: 2, machineTypes: ['standard_d2_v2'], taints: [], zones: [], labels: {} },
      { ...AKS3, name: 'mem', address: 'azurerm_kubernetes_cluster_node_pool.mem', mode: 'user', autoscaling: { enabled: false }, nodeCount: 1, machineTypes: ['standard_d11_v2'], capacityType: 'on-demand', os: 'linux', taints: [] },
    ],
    clusters: [{ name: 'learnk8scluster', kubernetesVersion: '1.23.12' }],
  },
  'tfstate-aks-cluster-azurerm4.json': {
    format: 'terraform-state',
    pools: [
      {
        name: 'system',
        provider: 'aks',
        account: '72daf5f5-5e14-4eca-b3fb-82dfc44f2e08',
        region: 'centralindia',
        cluster: 'Devops-Testing',
        mode: 'system',
        autoscaling: { enabled: false },
        nodeCount: 1,
        machineTypes: ['Standard_B2ms'],
        kubernetesVersion: '1.33.3',
        maxPodsPerNode: 250,
        declared: expect.objectContaining({ autoscaling: 'auto_scaling_enabled' }),
      },
    ],
    clusters: [{ name: 'Devops-Testing', kubernetesVersion: '1.33.3' }],
  },
  'tfstate-doks-cluster-nodepool.json': {
    format: 'terraform-state',
    pools: [
      { name: 'default', provider: 'doks', region: 'nyc1', cluster: 'k8s-iniciativa', resourceType: 'digitalocean_kubernetes_cluster.node_pool', autoscaling: { enabled: false }, nodeCount: 3, machineTypes: ['s-4vcpu-8gb'], taints: [] },
      { name: 'critical-pool', provider: 'doks', region: 'nyc1', cluster: 'k8s-iniciativa', address: 'digitalocean_kubernetes_node_pool.node_critical', autoscaling: { enabled: false }, nodeCount: 2, machineTypes: ['s-2vcpu-4gb'] },
    ],
    clusters: [{ name: 'k8s-iniciativa', kubernetesVersion: '1.21.5-do.0' }],
  },
  'plan-gke-nodepool-full.json': {
    format: 'terraform-plan',
    pools: [
      {
        name: 'test-node-pool',
        provider: 'gke',
        cluster: 'test-cluster',
        region: 'test-location',
        address: 'google_container_node_pool.full_list_default_1',
        autoscaling: { enabled: true },
        perZone: { min: 42, max: 1337 },
        capacityType: 'spot',
        machineTypes: ['test-machine_type'],
        labels: { 'test-label-key': 'test-label-value' },
        maxPodsPerNode: 42,
      },
    ],
    clusters: [],
  },
  'eksctl-managed-nodes.yaml': {
    format: 'eksctl',
    pools: [
      { name: 'managed-ng-public', provider: 'eks', region: 'us-west-2', cluster: 'cluster-15', address: 'managedNodeGroups[0]', autoscaling: { enabled: true, min: 2, max: 4 }, nodeCount: 3, zones: ['us-west-2a', 'us-west-2b'], labels: { role: 'worker' }, taints: [{ key: 'key1', value: 'value1', effect: 'NoSchedule' }, { key: 'key2', effect: 'NoExecute' }], tags: { 'nodegroup-role': 'worker' } },
      { name: 'managed-ng-private', autoscaling: { enabled: false, min: 2, max: 2 }, machineTypes: ['m5.large'] },
      { name: 'custom-ami', os: 'linux', address: 'managedNodeGroups[2]' },
      { name: 'custom-launch-template', nodeCount: 2 },
    ],
    clusters: [{ name: 'cluster-15' }],
  },
  'eksctl-taints.yaml': {
    format: 'eksctl',
    pools: [
      { name: 'mng1-public', provider: 'eks', cluster: 'taints-1', region: 'us-west-1', autoscaling: { enabled: false, min: 2, max: 2 }, taints: [{ key: 'your.domain.com/memory-pressure', value: 'true', effect: 'PreferNoSchedule' }, { key: 'your.domain.com/needs-auth', value: 'true', effect: 'NoExecute' }] },
      { name: 'ng1-public', provider: 'kubernetes', autoscaling: { enabled: true, min: 2, max: 8 }, taints: [{ key: 'your.domain.com/db', value: 'true', effect: 'NoSchedule' }, { key: 'your.domain.com/production', value: 'true', effect: 'NoExecute' }] },
      { name: 'ng2-private', provider: 'kubernetes', taints: [{ key: 'your.domain.com/sensitive-information', value: 'true', effect: 'NoSchedule' }] },
      { name: 'ng3-public', provider: 'kubernetes', machineTypes: ['m5.xlarge'] },
    ],
    clusters: [{ name: 'taints-1' }],
  },
  'eksctl-advanced-nodegroups.yaml': {
    format: 'eksctl',
    pools: [
      { name: 'ng1-public', provider: 'kubernetes', cluster: 'cluster-5', region: 'eu-west-2', autoscaling: { enabled: true, min: 2, max: 8 }, os: 'linux', labels: { 'nodegroup-type': 'frontend-workloads' }, diskSizeGb: 100 },
      { name: 'ng2-private-a', autoscaling: { enabled: false, min: 2, max: 2 }, nodeCount: 2, machineTypes: ['m5.large'] },
      { name: 'ng3-private-b', nodeCount: 4, zones: ['eu-west-2a'], taints: [{ key: 'special', value: 'true', effect: 'NoSchedule' }] },
    ],
    clusters: [{ name: 'cluster-5' }],
  },
};

function samples(): string[] {
  return fs
    .readdirSync(DRIFT, { withFileTypes: true })
    .filter(e => e.isFile() && !e.name.endsWith('.src.txt') && !e.name.endsWith('.md'))
    .map(e => e.name)
    .sort();
}

const desiredOf = (file: string, ctx: DesiredContext = {}) =>
  readDesired(fs.readFileSync(path.join(DRIFT, file), 'utf8'), { source: file, ...ctx });

const actualOf = (file: string, ctx: ExportContext = {}): ActualPool[] =>
  parseExport(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), { file, ...ctx }).pools.map(({ raw: _raw, ...pool }) => pool);

/** The cloud pool given the declared pool's identity, as if the two were one pool. */
const as = (pool: ActualPool, desired: DesiredPool): ActualPool => ({
  ...pool,
  account: desired.account,
  region: desired.region,
  cluster: desired.cluster,
  name: desired.name,
});

const summary = (report: ReturnType<typeof compareDrift>) => report.findings.map(f => `${f.cause} ${f.field} ${f.pool}`).sort();

describeWithSamples(`public desired-state samples${AVAILABLE ? '' : ` (skipped: no public samples at ${DRIFT})`}`, () => {
  it('has an expectation for every sample', () => {
    expect(samples()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))('%s', (file, expected) => {
    const read = desiredOf(file, expected.ctx);
    expect(read.format).toBe(expected.format);
    expect(read.pools).toHaveLength(expected.pools.length);
    read.pools.forEach((pool, index) => expect(pool).toMatchObject({ source: file, ...expected.pools[index] }));
    expect(read.clusters).toMatchObject(expected.clusters);
    expect(JSON.stringify(read)).not.toMatch(/REDACTED/);
  });

  describe('against the public API samples', () => {
    it.each<[string, string, ExportContext, string[]]>([
      ['tfstate-eks-nodegroup-basic.json', 'eks-describe-nodegroup.json', {}, ['declared-not-found pool node-group-1', 'not-in-iac pool my-eks-nodegroup']],
      ['tfstate-gke-module-count.json', 'gke-nodepools-list.json', {}, ['declared-not-found pool default-org-test-pool-0', 'not-in-iac pool c7nnode-node-pool-1', 'not-in-iac pool c7nnode-node-pool-2']],
      ['tfstate-aks-cluster-azurerm4.json', 'aks-agentpools-list.json', {}, ['declared-not-found pool system', 'not-in-iac pool agentpool1']],
      ['tfstate-doks-cluster-nodepool.json', 'doks-node-pools-list.json', { cluster: 'k8s-iniciativa', region: 'nyc1' }, ['declared-not-found pool critical-pool', 'declared-not-found pool default', 'not-in-iac pool backend-pool', 'not-in-iac pool frontend-pool']],
    ])('%s against %s: other pools on both sides', (desiredFile, apiFile, ctx, expected) => {
      const desired = desiredOf(desiredFile);
      expect(summary(compareDrift({ desired: desired.pools, actual: actualOf(apiFile, ctx) }, { scope: 'all' }))).toEqual(expected);
    });

    it.each<[string, string, ExportContext, string[]]>([
      ['tfstate-eks-nodegroup-basic.json', 'eks-describe-nodegroup.json', {}, ['changed autoscaling node-group-1', 'changed kubernetesVersion node-group-1']],
      [
        'tfstate-eks-nodegroup-basic.json',
        'eks-create-nodegroup-spot-tainted.json',
        {},
        ['capacityType', 'machineTypes', 'taints', 'autoscaling', 'kubernetesVersion', 'diskSizeGb'].map(f => `changed ${f} node-group-1`).sort(),
      ],
      // GKE upgrades the pool by itself (auto_upgrade): a newer version is not drift; per-zone bounds count once in one zone.
      ['tfstate-gke-module-count.json', 'gke-nodepool-get-tainted.json', {}, ['capacityType', 'machineTypes', 'taints', 'autoscaling', 'zones', 'diskSizeGb'].map(f => `changed ${f} default-org-test-pool-0`).sort()],
      ['plan-gke-nodepool-full.json', 'gke-nodepool-get-tainted.json', {}, ['capacityType', 'machineTypes', 'autoscaling', 'labels', 'diskSizeGb', 'maxPodsPerNode'].map(f => `changed ${f} test-node-pool`).sort()],
      // The Spot taint and label AKS adds are not drift; the sample's own taint and label are.
      ['tfstate-aks-cluster-nodepool-azurerm3.json', 'aks-agentpool-spot.json', {}, ['machineTypes', 'mode', 'taints', 'labels', 'nodeCount'].map(f => `changed ${f} default`).sort()],
      ['tfstate-aks-cluster-azurerm4.json', 'aks-az-nodepool-show-spot.json', {}, ['machineTypes', 'mode', 'autoscaling', 'kubernetesVersion', 'maxPodsPerNode'].map(f => `changed ${f} system`).sort()],
      ['tfstate-doks-cluster-nodepool.json', 'doks-node-pool-get.json', { cluster: 'c', region: 'r' }, ['machineTypes', 'taints', 'labels'].map(f => `changed ${f} default`).sort()],
      [
        'eksctl-managed-nodes.yaml',
        'eks-create-nodegroup-spot-tainted.json',
        {},
        ['machineTypes', 'taints', 'autoscaling', 'labels', 'diskSizeGb'].map(f => `changed ${f} managed-ng-public`).sort(),
      ],
      ['eksctl-taints.yaml', 'eks-describe-nodegroup.json', {}, ['changed autoscaling mng1-public', 'changed taints mng1-public']],
    ])('%s against %s as one pool', (desiredFile, apiFile, ctx, expected) => {
      const [declared] = desiredOf(desiredFile).pools;
      const [cloud] = actualOf(apiFile, ctx);
      expect(summary(compareDrift({ desired: [declared], actual: [as(cloud, declared)] }))).toEqual(expected);
    });

    it('finds the nodes of the EKS node sample outside the version skew of a newer control plane, and behind their pool', () => {
      const nodes = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'node-eks-managed.json'), 'utf8'));
      const node = nodes.items[0];
      const observed: ObservedNodes = {
        nodeCount: nodes.items.length,
        readyCount: nodes.items.length,
        kubeletVersions: [node.status.nodeInfo.kubeletVersion],
        osImages: [node.status.nodeInfo.osImage],
        zones: [node.metadata.labels['failure-domain.beta.kubernetes.io/zone']],
        allocatable: {},
        requested: {},
        observedAt: '2024-04-08T16:00:00Z',
      };
      const [cloud] = actualOf('eks-describe-nodegroup.json');
      const report = compareDrift(
        { desired: [], actual: [{ ...cloud, observed }], controlPlanes: [{ cluster: cloud.cluster, version: '1.26' }] },
        { scope: 'all' },
      );
      expect(report.findings.map(f => [f.cause, f.field, f.actual])).toEqual([
        ['version-skew', 'nodes.kubeletVersion', ['v1.16.13-eks-ec92d4']],
        ['not-in-iac', 'pool', undefined],
        ['node-image', 'nodes.kubeletVersion', ['v1.16.13-eks-ec92d4']],
      ]);
    });
  });
});
