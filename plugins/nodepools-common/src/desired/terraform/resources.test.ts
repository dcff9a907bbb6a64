import { readDesired } from '../read';
import type { DesiredContext, DesiredPool } from '../types';
import { desiredIssuesOf, stateOf, type ResourceBlock } from '../__fixtures__';

const pools = (blocks: ResourceBlock[], ctx: DesiredContext = {}) => readDesired(stateOf(blocks), ctx).pools;
const one = (type: string, attributes: Record<string, unknown>, ctx?: DesiredContext): DesiredPool =>
  pools([{ type, name: 'p', instances: [{ attributes }] }], ctx)[0];

const EKS_BASE = {
  arn: 'arn:aws:eks:us-east-1:111122223333:nodegroup/prod/web/0a',
  cluster_name: 'prod',
  node_group_name: 'web',
  scaling_config: [{ desired_size: 3, max_size: 6, min_size: 2 }],
};

describe('aws_eks_node_group', () => {
  it.each<[string, Record<string, unknown>, Partial<DesiredPool>]>([
    ['identity from the ARN', {}, { provider: 'eks', account: '111122223333', region: 'us-east-1', cluster: 'prod', name: 'web', ref: 'eks/111122223333/us-east-1/prod/web' }],
    ['an autoscaled range', {}, { autoscaling: { enabled: true, min: 2, max: 6 }, nodeCount: 3 }],
    ['a fixed size (min == max)', { scaling_config: [{ desired_size: 2, max_size: 2, min_size: 2 }] }, { autoscaling: { enabled: false, min: 2, max: 2 }, nodeCount: 2 }],
    ['SPOT', { capacity_type: 'SPOT' }, { capacityType: 'spot' }],
    ['an ARM AMI type', { ami_type: 'AL2023_ARM_64_STANDARD' }, { os: 'linux', arch: 'arm64' }],
    ['a Windows AMI type', { ami_type: 'WINDOWS_CORE_2022_x86_64' }, { os: 'windows', arch: 'amd64' }],
    ['taint effects in upper snake case', { taint: [{ key: 'dedicated', value: 'gpu', effect: 'NO_SCHEDULE' }, { key: 'x', value: '', effect: 'PREFER_NO_SCHEDULE' }] }, { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'x', effect: 'PreferNoSchedule' }] }],
    ['tags_all over tags (provider default_tags)', { tags: { owner: 'a' }, tags_all: { owner: 'a', env: 'prod' } }, { tags: { owner: 'a', env: 'prod' } }],
    ['the AWS provider 6 region attribute without an ARN', { arn: '', region: 'eu-north-1' }, { region: 'eu-north-1', ref: 'eks/-/eu-north-1/prod/web' }],
  ])('reads %s', (_, attributes, expected) => {
    expect(one('aws_eks_node_group', { ...EKS_BASE, ...attributes })).toMatchObject(expected);
  });

  it.each<[string, Record<string, unknown>, keyof DesiredPool]>([
    ['labels: null', { labels: null }, 'labels'],
    ['no taint attribute', {}, 'taints'],
    ['capacity_type ""', { capacity_type: '' }, 'capacityType'],
    ['disk_size 0 (launch template)', { disk_size: 0 }, 'diskSizeGb'],
    ['ami_type CUSTOM', { ami_type: 'CUSTOM' }, 'os'],
    ['version ""', { version: '' }, 'kubernetesVersion'],
    ['instance_types []', { instance_types: [] }, 'machineTypes'],
    ['a capacity_type this reader does not know yet', { capacity_type: 'FLEX_FUTURE' }, 'capacityType'],
  ])('leaves %s to the provider default', (_, attributes, field) => {
    const pool = one('aws_eks_node_group', { ...EKS_BASE, ...attributes });
    expect(pool[field]).toBeUndefined();
    expect(pool.declared).not.toHaveProperty(field);
  });

  it.each<[string, Record<string, unknown>, Partial<DesiredPool>]>([
    ['labels: {}', { labels: {} }, { labels: {} }],
    ['taint: []', { taint: [] }, { taints: [] }],
  ])('reads %s as declared empty', (_, attributes, expected) => {
    const pool = one('aws_eks_node_group', { ...EKS_BASE, ...attributes });
    expect(pool).toMatchObject(expected);
    expect(Object.keys(pool.declared)).toContain(Object.keys(expected)[0]);
  });

  it('takes the cluster and name from the id of a plan without an ARN, and the region from the context', () => {
    const pool = one('aws_eks_node_group', { id: 'stage:batch', scaling_config: [{ min_size: 1, max_size: 1, desired_size: 1 }] }, { region: 'us-west-2' });
    expect(pool).toMatchObject({ cluster: 'stage', name: 'batch', region: 'us-west-2', ref: 'eks/-/us-west-2/stage/batch' });
  });

  it('keeps the ARN region over the context unless told to override it', () => {
    expect(one('aws_eks_node_group', EKS_BASE, { region: 'eu-west-1' }).region).toBe('us-east-1');
    expect(one('aws_eks_node_group', EKS_BASE, { region: 'eu-west-1', cluster: 'renamed', override: true })).toMatchObject({ region: 'eu-west-1', cluster: 'renamed' });
  });

  it('skips, and says so, a group whose name a plan only knows as a prefix', () => {
    const read = readDesired(stateOf([{ type: 'aws_eks_node_group', name: 'p', instances: [{ attributes: { node_group_name_prefix: 'web-', cluster_name: 'prod' } }] }]));
    expect(read.pools).toEqual([]);
    expect(read.notes).toEqual([expect.objectContaining({ address: 'aws_eks_node_group.p', message: expect.stringMatching(/node_group_name_prefix/) })]);
  });

  it('says when a pool\'s cluster is not known, as in a plan that creates the cluster too', () => {
    const read = readDesired(stateOf([{ type: 'aws_eks_node_group', name: 'p', instances: [{ attributes: { node_group_name: 'web', scaling_config: [{ min_size: 1, max_size: 2 }] } }] }]));
    expect(read.pools[0]).toMatchObject({ cluster: '', ref: 'eks/-/-/-/web' });
    expect(read.notes[0].message).toMatch(/the cluster is not known.*--cluster/);
  });

  it('reports min_size above max_size', () => {
    const issues = desiredIssuesOf(() => pools([{ type: 'aws_eks_node_group', name: 'p', instances: [{ attributes: { ...EKS_BASE, scaling_config: [{ min_size: 5, max_size: 2 }] } }] }]));
    expect(issues).toEqual([{ address: 'aws_eks_node_group.p', field: 'scaling_config[0].min_size', message: 'is greater than max_size (5 > 2)' }]);
  });
});

const GKE_BASE = { name: 'pool-a', cluster: 'data', project: 'acme', node_config: [{ machine_type: 'n2-standard-8', spot: false, preemptible: false, labels: {}, taint: [] }] };

describe('google_container_node_pool', () => {
  it.each<[string, Record<string, unknown>, Partial<DesiredPool>]>([
    [
      'per-zone autoscaling of a regional pool with its zones',
      { location: 'us-central1', node_locations: ['us-central1-b', 'us-central1-a'], autoscaling: [{ min_node_count: 1, max_node_count: 3 }] },
      { region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'], autoscaling: { enabled: true, min: 2, max: 6 }, perZone: { min: 1, max: 3 } },
    ],
    [
      'per-zone autoscaling of a regional pool whose zones are the cluster default',
      { location: 'us-central1', node_locations: [], autoscaling: [{ min_node_count: 1, max_node_count: 3, total_min_node_count: 0, total_max_node_count: 0 }] },
      { autoscaling: { enabled: true }, perZone: { min: 1, max: 3 } },
    ],
    [
      'total limits',
      { location: 'us-central1', autoscaling: [{ min_node_count: 0, max_node_count: 0, total_min_node_count: 2, total_max_node_count: 9 }] },
      { autoscaling: { enabled: true, min: 2, max: 9 } },
    ],
    [
      'a fixed regional pool: node_count per zone',
      { location: 'europe-west1', node_locations: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'], node_count: 2, autoscaling: [] },
      { autoscaling: { enabled: false }, nodeCount: 6, perZone: { nodeCount: 2 } },
    ],
    [
      'a zonal cluster: the zone is the region plus a letter',
      { location: 'us-central1-c', node_count: 3, autoscaling: [] },
      { region: 'us-central1', zones: ['us-central1-c'], nodeCount: 3, target: { location: 'us-central1-c' } },
    ],
    ['the provider 2.x zone attribute', { zone: 'asia-east1-a', autoscaling: [] }, { region: 'asia-east1', zones: ['asia-east1-a'] }],
    ['a cluster given by its id', { cluster: 'projects/other/locations/us-east4/clusters/ml', project: '' }, { account: 'other', region: 'us-east4', cluster: 'ml' }],
    ['preemptible VMs as spot', { location: 'us-east1', node_config: [{ machine_type: 't2a-standard-4', preemptible: true, spot: false }] }, { capacityType: 'spot', arch: 'arm64' }],
    ['a Windows image', { location: 'us-east1', node_config: [{ machine_type: 'n2-standard-4', image_type: 'WINDOWS_LTSC_CONTAINERD' }] }, { os: 'windows' }],
    ['taints', { location: 'us-east1', node_config: [{ machine_type: 'g2-standard-8', taint: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }] }] }, { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }],
  ])('reads %s', (_, attributes, expected) => {
    expect(one('google_container_node_pool', { ...GKE_BASE, ...attributes })).toMatchObject(expected);
  });

  it('declares no node count while the autoscaler owns it', () => {
    const pool = one('google_container_node_pool', { ...GKE_BASE, location: 'us-east1', node_count: 7, autoscaling: [{ min_node_count: 1, max_node_count: 9 }] });
    expect(pool.nodeCount).toBeUndefined();
    expect(pool.declared).not.toHaveProperty('nodeCount');
  });

  it('reads the node_pool blocks of a cluster, skipping the removed default pool and pools declared on their own', () => {
    const blocks: ResourceBlock[] = [
      {
        type: 'google_container_cluster',
        name: 'main',
        instances: [
          {
            attributes: {
              name: 'data',
              location: 'us-central1',
              project: 'acme',
              master_version: '1.30.4-gke.1',
              remove_default_node_pool: true,
              master_auth: [{ client_key: 'SECRET-KEY' }],
              node_pool: [
                { name: 'default-pool', node_count: 1, autoscaling: [] },
                { name: 'system', node_count: 1, node_locations: ['us-central1-a'], autoscaling: [], node_config: [{ machine_type: 'e2-standard-4' }] },
                { name: 'pool-a', node_count: 9, autoscaling: [] },
              ],
            },
          },
        ],
      },
      { type: 'google_container_node_pool', name: 'a', instances: [{ attributes: { ...GKE_BASE, location: 'us-central1', autoscaling: [{ min_node_count: 1, max_node_count: 2 }] } }] },
    ];

    const read = readDesired(stateOf(blocks));

    expect(read.pools.map(p => [p.name, p.resourceType, p.address])).toEqual([
      ['system', 'google_container_cluster.node_pool', 'google_container_cluster.main'],
      ['pool-a', 'google_container_node_pool', 'google_container_node_pool.a'],
    ]);
    expect(read.clusters).toMatchObject([{ provider: 'gke', name: 'data', account: 'acme', region: 'us-central1', kubernetesVersion: '1.30.4-gke.1' }]);
    expect(JSON.stringify(read)).not.toMatch(/SECRET/);
  });
});

const AKS_CLUSTER_ID = '/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ContainerService/managedClusters/web';

describe('azurerm_kubernetes_cluster_node_pool and default_node_pool', () => {
  const cluster: ResourceBlock = {
    type: 'azurerm_kubernetes_cluster',
    name: 'web',
    instances: [
      {
        attributes: {
          id: AKS_CLUSTER_ID,
          name: 'web',
          location: 'westeurope',
          resource_group_name: 'rg-1',
          kubernetes_version: '1.30',
          kube_config_raw: 'SECRET-KUBECONFIG',
          default_node_pool: [
            { name: 'system', vm_size: 'Standard_D4s_v5', auto_scaling_enabled: false, min_count: 0, max_count: 0, node_count: 3, only_critical_addons_enabled: true, zones: null, orchestrator_version: '' },
          ],
        },
      },
    ],
  };

  it.each<[string, Record<string, unknown>, Partial<DesiredPool>]>([
    ['azurerm 3.x enable_auto_scaling', { enable_auto_scaling: true, min_count: 2, max_count: 5, node_count: 4 }, { autoscaling: { enabled: true, min: 2, max: 5 }, declared: expect.objectContaining({ autoscaling: 'enable_auto_scaling' }) }],
    ['azurerm 4.x auto_scaling_enabled', { auto_scaling_enabled: true, min_count: 2, max_count: 5 }, { autoscaling: { enabled: true, min: 2, max: 5 }, declared: expect.objectContaining({ autoscaling: 'auto_scaling_enabled' }) }],
    ['autoscaling off: min/max 0 are no range, node_count is the size', { auto_scaling_enabled: false, min_count: 0, max_count: 0, node_count: 2 }, { autoscaling: { enabled: false }, nodeCount: 2 }],
    ['azurerm 2.x availability_zones', { availability_zones: ['3', '1'] }, { zones: ['1', '3'], declared: expect.objectContaining({ zones: 'availability_zones' }) }],
    ['a Spot pool', { priority: 'Spot', node_taints: ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule'] }, { capacityType: 'spot', taints: [{ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' }] }],
    ['taint strings with and without a value', { node_taints: ['dedicated=db:NoExecute', 'gpu:NoSchedule'] }, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }, { key: 'gpu', effect: 'NoSchedule' }] }],
    ['a Windows pool', { os_type: 'Windows', os_sku: 'Windows2022', vm_size: 'Standard_D8s_v5' }, { os: 'windows', arch: 'amd64' }],
    ['an ARM VM size', { vm_size: 'Standard_D4ps_v5' }, { arch: 'arm64', machineTypes: ['Standard_D4ps_v5'] }],
    ['a minor-alias orchestrator version', { orchestrator_version: '1.31' }, { kubernetesVersion: '1.31' }],
    ['mode User', { mode: 'User' }, { mode: 'user' }],
  ])('reads %s', (_, attributes, expected) => {
    const read = readDesired(stateOf([cluster, { type: 'azurerm_kubernetes_cluster_node_pool', name: 'p', instances: [{ attributes: { name: 'user1', kubernetes_cluster_id: AKS_CLUSTER_ID, vm_size: 'Standard_D4s_v5', ...attributes } }] }]));
    expect(read.pools.find(p => p.name === 'user1')).toMatchObject({ provider: 'aks', account: 'sub-1', region: 'westeurope', cluster: 'web', target: { resourceGroup: 'rg-1' }, ...expected });
  });

  it.each<[string, Record<string, unknown>, keyof DesiredPool]>([
    ['node_taints: null', { node_taints: null }, 'taints'],
    ['zones: null', { zones: null }, 'zones'],
    ['orchestrator_version ""', { orchestrator_version: '' }, 'kubernetesVersion'],
    ['priority ""', { priority: '' }, 'capacityType'],
    ['a mode this reader does not know yet', { mode: 'Machines' }, 'mode'],
  ])('leaves %s to the provider default', (_, attributes, field) => {
    const pool = one('azurerm_kubernetes_cluster_node_pool', { name: 'user1', kubernetes_cluster_id: AKS_CLUSTER_ID, ...attributes });
    expect(pool[field]).toBeUndefined();
  });

  it('reads the default pool as the System pool, tainted when only critical add-ons may run, and never its kubeconfig', () => {
    const read = readDesired(stateOf([cluster]));
    expect(read.pools).toEqual([
      expect.objectContaining({
        name: 'system',
        resourceType: 'azurerm_kubernetes_cluster.default_node_pool',
        mode: 'system',
        autoscaling: { enabled: false },
        nodeCount: 3,
        taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }],
      }),
    ]);
    expect(read.pools[0]).not.toHaveProperty('zones');
    expect(read.clusters[0]).toMatchObject({ provider: 'aks', name: 'web', kubernetesVersion: '1.30' });
    expect(JSON.stringify(read)).not.toMatch(/SECRET/);
  });

  it('reports a kubernetes_cluster_id that is not an AKS id, and a bad taint string', () => {
    const issues = desiredIssuesOf(() =>
      pools([{ type: 'azurerm_kubernetes_cluster_node_pool', name: 'p', instances: [{ attributes: { name: 'u', kubernetes_cluster_id: '/nope', node_taints: ['broken'] } }] }]),
    );
    expect(issues.map(i => i.field)).toEqual(['kubernetes_cluster_id', 'node_taints[0]']);
  });
});

describe('digitalocean_kubernetes_node_pool and the cluster node_pool', () => {
  const cluster: ResourceBlock = {
    type: 'digitalocean_kubernetes_cluster',
    name: 'k8s',
    instances: [{ attributes: { id: 'c-uuid', name: 'web', region: 'ams3', version: '1.31.1-do.0', kube_config: [{ token: 'SECRET-TOKEN' }], node_pool: [{ name: 'default', size: 's-2vcpu-4gb', node_count: 3, auto_scale: false, min_nodes: 0, max_nodes: 0, tags: ['terraform:default-node-pool', 'owner:team-web'] }] } }],
  };

  it('finds the cluster of a pool by its id and reads autoscaling with its bounds', () => {
    const read = readDesired(stateOf([cluster, { type: 'digitalocean_kubernetes_node_pool', name: 'jobs', instances: [{ attributes: { cluster_id: 'c-uuid', name: 'jobs', size: 'c-8', auto_scale: true, min_nodes: 1, max_nodes: 5, node_count: 2, taint: [{ key: 'jobs', value: 'true', effect: 'NoExecute' }], labels: null } }] }]));
    expect(read.pools).toEqual([
      expect.objectContaining({ name: 'default', cluster: 'web', region: 'ams3', autoscaling: { enabled: false }, nodeCount: 3, tags: { owner: 'team-web' } }),
      expect.objectContaining({ name: 'jobs', cluster: 'web', region: 'ams3', autoscaling: { enabled: true, min: 1, max: 5 }, taints: [{ key: 'jobs', value: 'true', effect: 'NoExecute' }] }),
    ]);
    expect(read.pools[1]).not.toHaveProperty('nodeCount');
    expect(read.pools[1]).not.toHaveProperty('labels');
    expect(JSON.stringify(read)).not.toMatch(/SECRET/);
  });

  it('records a pool whose cluster is in another state under the cluster id, and the context can name it', () => {
    const block: ResourceBlock = { type: 'digitalocean_kubernetes_node_pool', name: 'jobs', instances: [{ attributes: { cluster_id: 'c-uuid', name: 'jobs', size: 'c-8' } }] };
    const alone = readDesired(stateOf([block]));
    expect(alone.pools[0]).toMatchObject({ cluster: 'c-uuid', target: { clusterId: 'c-uuid' } });
    expect(alone.notes[0].message).toMatch(/its cluster is not in this state/);

    expect(readDesired(stateOf([block]), { cluster: 'web', region: 'ams3' }).pools[0]).toMatchObject({ cluster: 'web', region: 'ams3' });
  });
});

describe('Karpenter NodePools applied by Terraform', () => {
  const nodePool = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'spot' },
    spec: {
      template: {
        metadata: { labels: { team: 'ml' } },
        spec: {
          requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
          taints: [{ key: 'ml', effect: 'NoSchedule' }],
        },
      },
      limits: { cpu: '1000' },
    },
  };
  const eks: ResourceBlock = { type: 'aws_eks_cluster', name: 'c', instances: [{ attributes: { arn: 'arn:aws:eks:us-east-1:111122223333:cluster/ml', name: 'ml', version: '1.31' } }] };

  it('reads kubernetes_manifest, unwrapping the dynamic value a state stores, for the one cluster of the state', () => {
    const read = readDesired(stateOf([eks, { type: 'kubernetes_manifest', name: 'np', instances: [{ attributes: { manifest: { value: nodePool, type: ['object', {}] } } }] }]));
    expect(read.pools).toEqual([
      expect.objectContaining({
        provider: 'karpenter',
        cluster: 'ml',
        account: '111122223333',
        region: 'us-east-1',
        name: 'spot',
        resourceType: 'kubernetes_manifest',
        capacityType: 'spot',
        labels: { team: 'ml' },
        taints: [{ key: 'ml', effect: 'NoSchedule' }],
        limits: { cpu: '1000' },
      }),
    ]);
    expect(read.pools[0].declared).toMatchObject({ capacityType: 'spec.template.spec.requirements', requirements: 'spec.template.spec.requirements' });
  });

  it('reads kubectl_manifest YAML and skips other kinds without reading their bodies', () => {
    const yaml = 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: general\nspec:\n  template:\n    spec:\n      requirements: []\n';
    const read = readDesired(
      stateOf([
        { type: 'kubectl_manifest', name: 'np', instances: [{ attributes: { kind: 'NodePool', api_version: 'karpenter.sh/v1', yaml_body: yaml } }] },
        { type: 'kubectl_manifest', name: 'secret', instances: [{ attributes: { kind: 'Secret', api_version: 'v1', yaml_body: 'data: [SECRET-YAML' } }] },
        { type: 'kubernetes_manifest', name: 'cm', instances: [{ attributes: { manifest: { apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'SECRET-DATA' } } } }] },
      ]),
      { cluster: 'ml' },
    );
    expect(read.pools.map(p => [p.name, p.address])).toEqual([['general', 'kubectl_manifest.np']]);
    expect(JSON.stringify(read)).not.toMatch(/SECRET/);
  });

  it('asks for the cluster when the state does not say which one a NodePool belongs to', () => {
    const issues = desiredIssuesOf(() => readDesired(stateOf([{ type: 'kubernetes_manifest', name: 'np', instances: [{ attributes: { manifest: nodePool } }] }])));
    expect(issues).toEqual([expect.objectContaining({ address: 'kubernetes_manifest.np', field: 'manifest', message: expect.stringMatching(/--cluster/) })]);
  });

  it('places a bad NodePool field under the attribute that holds the manifest', () => {
    const bad = { ...nodePool, spec: { template: { spec: { requirements: [{ key: 'k', operator: 'Near' }] } } } };
    const issues = desiredIssuesOf(() => readDesired(stateOf([eks, { type: 'kubernetes_manifest', name: 'np', instances: [{ attributes: { manifest: bad } }] }])));
    expect(issues[0]).toMatchObject({ address: 'kubernetes_manifest.np', field: 'manifest.spec.template.spec.requirements[0].operator' });
  });
});
