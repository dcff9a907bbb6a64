import { createMachineCatalog } from '../machines/catalog';
import type { MachineCloud } from '../machines/types';
import { PROVIDERS, type CapacityType, type Provider } from '../model/pool';
import { capacityTypeLabels, capacityTypeOfNode, implicitTaintsOf, modeLabels, type TaintContext } from './nodeFacts';
import { podIpMaxPods } from './podIps';
import { POOL_LABELS, PROVIDER_PROFILES, cloudProfiles, providerOfPoolLabel, providerProfile } from './registry';
import type { NodeCapacityType, PoolConsoleTarget } from './types';

const catalog = createMachineCatalog();
const machine = (cloud: MachineCloud, name: string) => {
  const found = catalog.get(cloud, name);
  if (!found) throw new Error(`${name} is not in the catalog`);
  return found;
};

describe('the registry', () => {
  it('has one profile per provider of the model, under its own name', () => {
    expect(PROVIDERS.map(p => providerProfile(p).provider)).toEqual([...PROVIDERS]);
    expect(PROVIDER_PROFILES.map(p => p.provider)).toEqual([...PROVIDERS]);
  });

  it('reads pool labels in profile order, the self-managed groups last', () => {
    expect(POOL_LABELS.map(l => [l.key, l.provider, l.setByProvider])).toEqual([
      ['eks.amazonaws.com/nodegroup', 'eks', true],
      ['karpenter.sh/nodepool', 'karpenter', true],
      ['cloud.google.com/gke-nodepool', 'gke', true],
      ['kubernetes.azure.com/agentpool', 'aks', true],
      ['agentpool', 'aks', true],
      ['doks.digitalocean.com/node-pool', 'doks', true],
      ['alpha.eksctl.io/nodegroup-name', 'kubernetes', false],
      ['kops.k8s.io/instancegroup', 'kubernetes', false],
    ]);
  });

  it.each<[string, string, Provider]>([
    ['the AKS legacy label names an AKS pool', 'agentpool', 'aks'],
    ['the Karpenter label names a Karpenter pool (EKS Auto Mode too)', 'karpenter.sh/nodepool', 'karpenter'],
    ['a kOps instance group is self-managed', 'kops.k8s.io/instancegroup', 'kubernetes'],
    ['a label no profile knows names a self-managed pool', 'example.com/pool', 'kubernetes'],
  ])('%s', (_name, key, provider) => {
    expect(providerOfPoolLabel(key)).toBe(provider);
  });

  it('lists as clouds every provider but the self-managed one, with their display names', () => {
    expect(cloudProfiles().map(p => [p.displayName, p.cloud])).toEqual([
      ['EKS', 'aws'],
      ['Karpenter', 'aws'],
      ['GKE', 'gcp'],
      ['AKS', 'azure'],
      ['DOKS', 'digitalocean'],
    ]);
  });
});

describe('pod IP models', () => {
  it.each<[string, Provider, MachineCloud, string, { network?: string; prefixDelegation?: boolean }, number | undefined]>([
    // 3 ENIs x (10 - 1) + 2
    ['an m5.large on the VPC CNI holds 29 pods', 'eks', 'aws', 'm5.large', {}, 29],
    // 3 x 9 x 16 + 2 = 434 addresses, under 30 vCPUs capped at 110
    ['an m5.large with prefix delegation holds 110', 'eks', 'aws', 'm5.large', { prefixDelegation: true }, 110],
    // 2 x (2 - 1) + 2
    ['a t3.micro holds 4', 'eks', 'aws', 't3.micro', {}, 4],
    // 2 x 1 x 16 + 2 = 34, under the cap
    ['a t3.micro with prefix delegation holds 34', 'karpenter', 'aws', 't3.micro', { prefixDelegation: true }, 34],
    // 15 x (50 - 1) + 2
    ['an m5.24xlarge holds 737', 'eks', 'aws', 'm5.24xlarge', {}, 737],
    // 96 vCPUs: the 250 cap
    ['an m5.24xlarge with prefix delegation holds 250', 'eks', 'aws', 'm5.24xlarge', { prefixDelegation: true }, 250],
    // Xen instances cannot use prefixes: 3 x 9 + 2
    ['a Xen i3.large keeps its ENI limit with prefix delegation asked for', 'eks', 'aws', 'i3.large', { prefixDelegation: true }, 29],
    ['GKE Standard holds 110 per node', 'gke', 'gcp', 'e2-standard-4', {}, 110],
    ['GKE Autopilot holds 32 per node', 'gke', 'gcp', 'e2-standard-4', { network: 'autopilot' }, 32],
    ['AKS with Azure CNI Overlay, the default, holds 250', 'aks', 'azure', 'Standard_D4s_v5', {}, 250],
    ['AKS with Azure CNI on the node subnet holds 30', 'aks', 'azure', 'Standard_D4s_v5', { network: 'azure-cni' }, 30],
    ['AKS with kubenet holds 110', 'aks', 'azure', 'Standard_D4s_v5', { network: 'kubenet' }, 110],
    ['DOKS holds 110', 'doks', 'digitalocean', 's-2vcpu-4gb', {}, 110],
  ])('%s', (_name, provider, cloud, type, options, expected) => {
    expect(podIpMaxPods(providerProfile(provider).podIps, machine(cloud, type), options)).toBe(expected);
  });

  it('cannot count interfaces of a machine whose interfaces are unknown', () => {
    expect(podIpMaxPods(providerProfile('eks').podIps, { vcpu: 4 })).toBeUndefined();
  });

  it('names the networks a model has when asked for another', () => {
    expect(() => podIpMaxPods(providerProfile('gke').podIps, { vcpu: 4 }, { network: 'kubenet' })).toThrow(
      "pod network 'kubenet' is not one of standard, autopilot",
    );
  });
});

describe('console URLs', () => {
  const pool: PoolConsoleTarget = { account: '123456789012', region: 'us-east-1', cluster: 'prod', name: 'general' };
  it.each<[string, Provider, PoolConsoleTarget, string | undefined]>([
    [
      'an EKS node group opens on its page of the regional console',
      'eks',
      pool,
      'https://us-east-1.console.aws.amazon.com/eks/home?region=us-east-1#/clusters/prod/nodegroups/general',
    ],
    [
      'an EKS node group of an unknown region opens on the global console',
      'eks',
      { cluster: 'prod', name: 'general' },
      'https://console.aws.amazon.com/eks/home#/clusters/prod/nodegroups/general',
    ],
    [
      "a Karpenter NodePool opens on its cluster's compute tab",
      'karpenter',
      pool,
      'https://us-east-1.console.aws.amazon.com/eks/home?region=us-east-1#/clusters/prod?selectedTab=cluster-compute-tab',
    ],
    [
      'a GKE node pool opens in its project and region',
      'gke',
      { account: 'shop-prod', region: 'europe-west1', cluster: 'web', name: 'default-pool' },
      'https://console.cloud.google.com/kubernetes/nodepool/europe-west1/web/default-pool?project=shop-prod',
    ],
    [
      "a zonal GKE cluster's pool opens in its zone",
      'gke',
      { account: 'shop-prod', region: 'europe-west1', location: 'europe-west1-b', cluster: 'web', name: 'default-pool' },
      'https://console.cloud.google.com/kubernetes/nodepool/europe-west1-b/web/default-pool?project=shop-prod',
    ],
    ['a GKE pool of no known location has no page', 'gke', { cluster: 'web', name: 'p' }, undefined],
    [
      "an AKS agent pool opens on its cluster's node pools",
      'aks',
      { account: '0000-1111', resourceGroup: 'rg-prod', cluster: 'aks-prod', name: 'nodepool1' },
      'https://portal.azure.com/#@/resource/subscriptions/0000-1111/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod/nodePools',
    ],
    [
      'an AKS agent pool without its resource group opens on the list of clusters',
      'aks',
      { account: '0000-1111', cluster: 'aks-prod', name: 'nodepool1' },
      'https://portal.azure.com/#browse/Microsoft.ContainerService%2FmanagedClusters',
    ],
    [
      "a DOKS node pool opens on its cluster's nodes",
      'doks',
      { cluster: 'web', name: 'pool-1', clusterId: 'bd5f5959-5e1e-4205-a714-a914373942af' },
      'https://cloud.digitalocean.com/kubernetes/clusters/bd5f5959-5e1e-4205-a714-a914373942af/nodes',
    ],
    ['a self-managed pool has no console', 'kubernetes', pool, undefined],
    [
      'names are percent-encoded',
      'eks',
      { region: 'us-east-1', cluster: 'a b', name: 'x/y' },
      'https://us-east-1.console.aws.amazon.com/eks/home?region=us-east-1#/clusters/a%20b/nodegroups/x%2Fy',
    ],
  ])('%s', (_name, provider, target, url) => {
    expect(providerProfile(provider).consoleUrl(target)).toBe(url);
  });
});

describe('node labels', () => {
  it.each<[string, Provider, CapacityType | NodeCapacityType, Record<string, string>]>([
    ['an EKS spot node says SPOT', 'eks', 'spot', { 'eks.amazonaws.com/capacityType': 'SPOT' }],
    ['an EKS node of a mixed pool says ON_DEMAND', 'eks', 'mixed', { 'eks.amazonaws.com/capacityType': 'ON_DEMAND' }],
    ['an EKS capacity block node says CAPACITY_BLOCK', 'eks', 'capacity-block', { 'eks.amazonaws.com/capacityType': 'CAPACITY_BLOCK' }],
    ['a GKE spot node carries gke-spot, not the older preemptible label', 'gke', 'spot', { 'cloud.google.com/gke-spot': 'true' }],
    ['a GKE on-demand node carries no capacity label', 'gke', 'on-demand', {}],
    ['an AKS spot node carries its scale set priority', 'aks', 'spot', { 'kubernetes.azure.com/scalesetpriority': 'spot' }],
    ['a Karpenter reserved node says reserved', 'karpenter', 'reserved', { 'karpenter.sh/capacity-type': 'reserved' }],
    ['a DOKS node carries no capacity label', 'doks', 'spot', {}],
  ])('%s', (_name, provider, capacityType, labels) => {
    expect(capacityTypeLabels(providerProfile(provider), capacityType)).toEqual(labels);
  });

  it('reads a preemptible GKE node as spot', () => {
    expect(capacityTypeOfNode(providerProfile('gke'), { 'cloud.google.com/gke-preemptible': 'true' })).toBe('spot');
    expect(capacityTypeOfNode(providerProfile('gke'), {})).toBeUndefined();
  });

  it('labels the mode of AKS pools only', () => {
    expect(modeLabels(providerProfile('aks'), 'system')).toEqual({ 'kubernetes.azure.com/mode': 'system' });
    expect(modeLabels(providerProfile('gke'), 'system')).toEqual({});
  });
});

describe('implicit taints', () => {
  const base: TaintContext = { poolName: 'p' };
  it.each<[string, Provider, TaintContext, string[]]>([
    ['AKS taints spot nodes', 'aks', { ...base, capacityType: 'spot' }, ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule']],
    ['AKS leaves on-demand nodes alone', 'aks', { ...base, capacityType: 'on-demand' }, []],
    ['GKE taints GPU nodes', 'gke', { ...base, gpus: 1 }, ['nvidia.com/gpu=present:NoSchedule']],
    ['GKE Standard does not taint spot nodes', 'gke', { ...base, capacityType: 'spot' }, []],
    ['GKE Autopilot taints spot nodes', 'gke', { ...base, capacityType: 'spot', clusterMode: 'autopilot' }, ['cloud.google.com/gke-spot=true:NoSchedule']],
    [
      "EKS Auto Mode's system NodePool is for critical add-ons",
      'karpenter',
      { poolName: 'system', requirements: [{ key: 'eks.amazonaws.com/instance-category', operator: 'In', values: ['c'] }] },
      ['CriticalAddonsOnly:NoSchedule'],
    ],
    [
      'a self-managed Karpenter NodePool named system gets no taint',
      'karpenter',
      { poolName: 'system', requirements: [{ key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c'] }] },
      [],
    ],
    ['EKS adds none', 'eks', { ...base, capacityType: 'spot', gpus: 4 }, []],
  ])('%s', (_name, provider, context, taints) => {
    expect(
      implicitTaintsOf(providerProfile(provider), context).map(
        ({ taint }) => `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`,
      ),
    ).toEqual(taints);
  });
});

describe('what the next features read', () => {
  it.each<[Provider, string[], string | undefined]>([
    ['eks', ['aws_eks_node_group'], 'aws eks create-nodegroup'],
    ['karpenter', ['kubernetes_manifest', 'kubectl_manifest'], 'kubectl apply'],
    ['gke', ['google_container_node_pool'], 'gcloud container node-pools create'],
    ['aks', ['azurerm_kubernetes_cluster_node_pool'], 'az aks nodepool add'],
    ['doks', ['digitalocean_kubernetes_node_pool'], 'doctl kubernetes cluster node-pool create'],
    ['kubernetes', [], undefined],
  ])('%s: Terraform resource types and the create-pool command', (provider, types, command) => {
    const profile = providerProfile(provider);
    expect(profile.iac.terraformResourceTypes).toEqual(types);
    expect(profile.cli?.createPool).toBe(command);
  });
});
