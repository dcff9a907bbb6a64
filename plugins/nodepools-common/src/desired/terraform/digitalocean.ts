import type { RecordReader } from '../../parsers/fields';
import { KUBERNETES_EFFECTS, readTaintList } from '../../parsers/taints';
import { doksProfile } from '../../providers/doks';
import type { PoolDraft } from '../pool';
import type { ClusterDraft, ClusterIdentity, ClusterResourceReader, PoolResourceReader } from './resource';
import { autoscalingOf, optString } from './values';

/*
 * digitalocean/digitalocean: digitalocean_kubernetes_node_pool and the
 * node_pool block of digitalocean_kubernetes_cluster (the cluster's default
 * pool). min_nodes/max_nodes are 0 while auto_scale is off. Pools have no
 * version, zones, mode or capacity type of their own.
 */

const POOL_BLOCK = {
  name: true,
  size: true,
  node_count: true,
  auto_scale: true,
  min_nodes: true,
  max_nodes: true,
  labels: true,
  taint: { key: true, value: true, effect: true },
  tags: true,
} as const;

/** Tags DOKS and the provider put on pools themselves: they say nothing about the pool. */
function isManagedTag(tag: string): boolean {
  return tag === 'k8s' || tag === 'k8s-worker' || tag.startsWith('k8s:') || tag === 'terraform:default-node-pool';
}

/** `name:value` tags become a name and a value, as the DOKS export parser reads them. */
function readTags(r: RecordReader): Record<string, string> | undefined {
  const tags = r.stringArray('tags');
  if (tags === undefined) return undefined;
  const map: Record<string, string> = {};
  for (const tag of tags) {
    if (isManagedTag(tag)) continue;
    const colon = tag.indexOf(':');
    if (colon > 0) map[tag.slice(0, colon)] = tag.slice(colon + 1);
    else map[tag] = '';
  }
  return map;
}

function sizes(r: RecordReader): Pick<PoolDraft, 'autoscaling' | 'nodeCount'> {
  const autoScale = r.boolean('auto_scale');
  if (autoScale === undefined) return { nodeCount: r.integer('node_count') };
  if (!autoScale) return { autoscaling: { enabled: false }, nodeCount: r.integer('node_count') };
  const min = r.integer('min_nodes');
  const max = r.integer('max_nodes');
  if (min !== undefined && max !== undefined && min > max) {
    r.report('min_nodes', `is greater than max_nodes (${min} > ${max})`);
  }
  return { autoscaling: autoscalingOf(true, min, max) };
}

function readPoolBlock(r: RecordReader, scope: ClusterIdentity, resourceType: string): PoolDraft {
  const size = optString(r, 'size');
  return {
    provider: doksProfile.provider,
    account: scope.account,
    region: scope.region,
    cluster: scope.cluster,
    name: r.requiredString('name'),
    address: '',
    resourceType,
    ...sizes(r),
    machineTypes: size ? [size] : undefined,
    labels: r.stringMap('labels'),
    taints: r.has('taint') ? readTaintList(r, 'taint', KUBERNETES_EFFECTS) : undefined,
    tags: readTags(r),
    autoUpgrade: scope.autoUpgrade,
    target: scope.target,
    declared: {
      autoscaling: 'auto_scale',
      nodeCount: 'node_count',
      machineTypes: 'size',
      labels: 'labels',
      taints: 'taint',
      tags: 'tags',
    },
  };
}

export const digitaloceanNodePool: PoolResourceReader = {
  type: 'digitalocean_kubernetes_node_pool',
  shape: { ...POOL_BLOCK, cluster_id: true },
  read(r, scope) {
    const clusterId = r.requiredString('cluster_id');
    const cluster = clusterId ? scope.clusterById(clusterId) : undefined;
    if (clusterId && !cluster) {
      scope.note('its cluster is not in this state: the pool is recorded under the cluster id; name the cluster with --cluster');
    }
    const identity: ClusterIdentity = {
      provider: doksProfile.provider,
      region: cluster?.region,
      cluster: cluster?.name ?? '',
      autoUpgrade: cluster?.autoUpgrade,
      target: { clusterId },
    };
    return [readPoolBlock(r, identity, 'digitalocean_kubernetes_node_pool')];
  },
};

export const digitaloceanKubernetesCluster: ClusterResourceReader = {
  type: 'digitalocean_kubernetes_cluster',
  shape: { id: true, name: true, region: true, version: true, auto_upgrade: true, node_pool: POOL_BLOCK },
  readCluster(r, address) {
    const name = optString(r, 'name');
    if (!name) return undefined;
    return {
      provider: doksProfile.provider,
      region: optString(r, 'region'),
      name,
      id: optString(r, 'id'),
      kubernetesVersion: optString(r, 'version'),
      autoUpgrade: r.boolean('auto_upgrade'),
      address,
      target: { clusterId: optString(r, 'id') },
    };
  },
  readPools(r, cluster: ClusterDraft) {
    const identity: ClusterIdentity = {
      provider: doksProfile.provider,
      region: cluster.region,
      cluster: cluster.name,
      autoUpgrade: cluster.autoUpgrade,
      target: cluster.target,
    };
    return (r.objectArray('node_pool') ?? []).map(pool =>
      readPoolBlock(pool, identity, 'digitalocean_kubernetes_cluster.node_pool'),
    );
  },
};
