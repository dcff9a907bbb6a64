import type { CapacityType, OperatingSystem, PoolMode, Taint } from '../../model/pool';
import { azureVmSizeArch } from '../../parsers/architecture';
import { describeValue, type RecordReader } from '../../parsers/fields';
import { CRITICAL_ADDONS_ONLY, KUBERNETES_EFFECTS, taint } from '../../parsers/taints';
import { aksProfile } from '../../providers/aks';
import type { PoolDraft } from '../pool';
import type { DeclaredAttributes } from '../types';
import { parseAksId } from './identity';
import type { ClusterDraft, ClusterIdentity, ClusterResourceReader, PoolResourceReader } from './resource';
import { autoscalingOf, knownValue, optPositive, optString, sortedSet } from './values';

/*
 * hashicorp/azurerm: azurerm_kubernetes_cluster_node_pool and the
 * default_node_pool block of azurerm_kubernetes_cluster. azurerm 4.0 renamed
 * enable_auto_scaling to auto_scaling_enabled (and 3.0 availability_zones to
 * zones); both names are read. min_count/max_count are 0 while autoscaling
 * is off.
 */

const POOL_BLOCK = {
  name: true,
  vm_size: true,
  node_count: true,
  auto_scaling_enabled: true,
  enable_auto_scaling: true,
  min_count: true,
  max_count: true,
  node_labels: true,
  node_taints: true,
  os_sku: true,
  orchestrator_version: true,
  zones: true,
  availability_zones: true,
  max_pods: true,
  os_disk_size_gb: true,
  tags: true,
} as const;

const MODES: Readonly<Record<string, PoolMode>> = { System: 'system', User: 'user', Gateway: 'user' };

const TAINT_FORMAT = '"key=value:Effect" or "key:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute';

/** `key=value:Effect` or `key:Effect`, as azurerm and the ARM API write node taints. */
function parseTaint(text: string): Taint | undefined {
  const colon = text.lastIndexOf(':');
  const effect = colon > 0 ? KUBERNETES_EFFECTS[text.slice(colon + 1)] : undefined;
  if (!effect) return undefined;
  const [key, ...value] = text.slice(0, colon).split('=');
  return key ? taint(key, value.length ? value.join('=') : undefined, effect) : undefined;
}

function readTaints(r: RecordReader): Taint[] | undefined {
  const entries = r.array('node_taints');
  if (entries === undefined) return undefined;
  const taints: Taint[] = [];
  entries.forEach((entry, index) => {
    const parsed = typeof entry === 'string' ? parseTaint(entry) : undefined;
    if (parsed) taints.push(parsed);
    else r.report(`node_taints[${index}]`, `expected ${TAINT_FORMAT}, got ${describeValue(entry)}`);
  });
  return taints;
}

/** Whichever of the two names the state uses (the other is absent). */
function renamed(r: RecordReader, current: string, previous: string): string {
  return r.has(current) || !r.has(previous) ? current : previous;
}

function sizes(r: RecordReader, switchKey: string): Pick<PoolDraft, 'autoscaling' | 'nodeCount'> {
  const enabled = r.boolean(switchKey);
  if (enabled === undefined) return { nodeCount: r.integer('node_count') };
  if (!enabled) return { autoscaling: { enabled: false }, nodeCount: r.integer('node_count') };
  const min = r.integer('min_count');
  const max = r.integer('max_count');
  if (min !== undefined && max !== undefined && min > max) {
    r.report('min_count', `is greater than max_count (${min} > ${max})`);
  }
  // node_count follows the autoscaler while it is on: not a declared size.
  return { autoscaling: autoscalingOf(true, min, max) };
}

function capacityOf(priority: string | undefined): CapacityType | undefined {
  if (!priority) return undefined;
  return priority === 'Spot' ? 'spot' : 'on-demand';
}

function osOf(windows: boolean): OperatingSystem {
  return windows ? 'windows' : 'linux';
}

interface BlockKind {
  resourceType: string;
  /** The default pool is always the System pool and has no mode, os_type or priority. */
  defaultPool: boolean;
}

function readPoolBlock(r: RecordReader, scope: ClusterIdentity, kind: BlockKind): PoolDraft {
  const name = r.requiredString('name');
  const vmSize = optString(r, 'vm_size');
  const switchKey = renamed(r, 'auto_scaling_enabled', 'enable_auto_scaling');
  const zonesKey = renamed(r, 'zones', 'availability_zones');
  const osSku = optString(r, 'os_sku');
  const osType = kind.defaultPool ? undefined : knownValue(r, 'os_type', ['Linux', 'Windows']);
  const windows = osType === 'Windows' || !!osSku?.startsWith('Windows');
  const modeName = kind.defaultPool ? 'System' : knownValue(r, 'mode', Object.keys(MODES));
  const priority = kind.defaultPool ? undefined : knownValue(r, 'priority', ['Regular', 'Spot']);
  let taints = readTaints(r);
  const declared: DeclaredAttributes = {
    autoscaling: switchKey,
    nodeCount: 'node_count',
    machineTypes: 'vm_size',
    arch: 'vm_size',
    mode: kind.defaultPool ? 'default_node_pool' : 'mode',
    capacityType: 'priority',
    os: osType ? 'os_type' : 'os_sku',
    labels: 'node_labels',
    taints: 'node_taints',
    kubernetesVersion: 'orchestrator_version',
    zones: zonesKey,
    tags: 'tags',
    maxPodsPerNode: 'max_pods',
    diskSizeGb: 'os_disk_size_gb',
  };
  // only_critical_addons_enabled taints the default pool CriticalAddonsOnly=true:NoSchedule.
  if (kind.defaultPool && r.boolean('only_critical_addons_enabled')) {
    const critical = taint(CRITICAL_ADDONS_ONLY, 'true', 'NoSchedule');
    const others = (taints ?? []).filter(t => t.key !== CRITICAL_ADDONS_ONLY);
    taints = [...others, critical];
    if (!r.has('node_taints')) declared.taints = 'only_critical_addons_enabled';
  }
  return {
    provider: aksProfile.provider,
    account: scope.account,
    region: scope.region,
    cluster: scope.cluster,
    name,
    address: '',
    resourceType: kind.resourceType,
    ...sizes(r, switchKey),
    machineTypes: vmSize ? [vmSize] : undefined,
    arch: vmSize ? azureVmSizeArch(vmSize) : undefined,
    mode: modeName ? MODES[modeName] : undefined,
    capacityType: capacityOf(priority),
    os: osType || osSku ? osOf(windows) : undefined,
    labels: r.stringMap('node_labels'),
    taints,
    // "" means the cluster's version.
    kubernetesVersion: optString(r, 'orchestrator_version'),
    zones: sortedSet(r.stringArray(zonesKey)),
    tags: r.stringMap('tags'),
    maxPodsPerNode: optPositive(r, 'max_pods'),
    diskSizeGb: optPositive(r, 'os_disk_size_gb'),
    target: scope.target,
    declared,
  };
}

export const azurermNodePool: PoolResourceReader = {
  type: 'azurerm_kubernetes_cluster_node_pool',
  shape: { ...POOL_BLOCK, id: true, kubernetes_cluster_id: true, mode: true, os_type: true, priority: true },
  read(r, scope) {
    const clusterId = optString(r, 'kubernetes_cluster_id');
    const parsed = parseAksId(clusterId) ?? parseAksId(optString(r, 'id'));
    if (!parsed) {
      r.report(
        'kubernetes_cluster_id',
        clusterId === undefined
          ? 'is required'
          : 'expected /subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/C',
      );
    }
    // The region is on the cluster resource, when the same state has it.
    const cluster = clusterId ? scope.clusterById(clusterId) : undefined;
    const identity: ClusterIdentity = {
      provider: aksProfile.provider,
      account: parsed?.subscription,
      region: cluster?.region,
      cluster: parsed?.cluster ?? '',
      target: { resourceGroup: parsed?.resourceGroup },
    };
    return [readPoolBlock(r, identity, { resourceType: 'azurerm_kubernetes_cluster_node_pool', defaultPool: false })];
  },
};

export const azurermKubernetesCluster: ClusterResourceReader = {
  type: 'azurerm_kubernetes_cluster',
  shape: {
    id: true,
    name: true,
    location: true,
    resource_group_name: true,
    kubernetes_version: true,
    current_kubernetes_version: true,
    default_node_pool: { ...POOL_BLOCK, only_critical_addons_enabled: true },
  },
  readCluster(r, address) {
    const id = optString(r, 'id');
    const parsed = parseAksId(id);
    const name = optString(r, 'name') ?? parsed?.cluster;
    if (!name) return undefined;
    return {
      provider: aksProfile.provider,
      account: parsed?.subscription,
      region: optString(r, 'location'),
      name,
      id,
      kubernetesVersion: optString(r, 'kubernetes_version') ?? optString(r, 'current_kubernetes_version'),
      address,
      target: { resourceGroup: optString(r, 'resource_group_name') ?? parsed?.resourceGroup },
    };
  },
  readPools(r, cluster: ClusterDraft) {
    const identity: ClusterIdentity = {
      provider: aksProfile.provider,
      account: cluster.account,
      region: cluster.region,
      cluster: cluster.name,
      target: cluster.target,
    };
    return (r.objectArray('default_node_pool') ?? []).map(pool =>
      readPoolBlock(pool, identity, { resourceType: 'azurerm_kubernetes_cluster.default_node_pool', defaultPool: true }),
    );
  },
};
