import type { CapacityType, OperatingSystem } from '../../model/pool';
import { gceMachineTypeArch } from '../../parsers/architecture';
import type { RecordReader } from '../../parsers/fields';
import { readTaintList, UPPER_SNAKE_EFFECTS } from '../../parsers/taints';
import { gkeProfile } from '../../providers/gke';
import type { PoolDraft } from '../pool';
import { gcpLocation, parseGkePath } from './identity';
import type { ClusterDraft, ClusterIdentity, ClusterResourceReader, PoolResourceReader } from './resource';
import { autoscalingOf, block, optPositive, optString, sortedSet } from './values';

/*
 * hashicorp/google: google_container_node_pool and the node_pool blocks of
 * google_container_cluster. GKE counts per zone: node_count and
 * min_node_count/max_node_count apply to each of the pool's zones, and
 * total_min_node_count/total_max_node_count to the whole pool.
 */

const POOL_BLOCK = {
  name: true,
  node_locations: true,
  node_count: true,
  autoscaling: { min_node_count: true, max_node_count: true, total_min_node_count: true, total_max_node_count: true },
  management: { auto_upgrade: true },
  version: true,
  max_pods_per_node: true,
  node_config: {
    machine_type: true,
    labels: true,
    taint: { key: true, value: true, effect: true },
    preemptible: true,
    spot: true,
    image_type: true,
    disk_size_gb: true,
    resource_labels: true,
  },
} as const;

interface GkeScope extends ClusterIdentity {
  /** Set for a zonal cluster: the zone its pools default to. */
  zone?: string;
}

/** The pool's zones: `node_locations`, else a zonal cluster's own zone; unknown for a regional cluster's default. */
function zonesOf(r: RecordReader, scope: GkeScope): string[] | undefined {
  const locations = r.stringArray('node_locations');
  if (locations?.length) return sortedSet(locations);
  return scope.zone ? [scope.zone] : undefined;
}

function sizes(r: RecordReader, zoneCount: number | undefined): Pick<PoolDraft, 'autoscaling' | 'nodeCount' | 'perZone'> {
  const perZoneCount = r.integer('node_count');
  if (!r.has('autoscaling')) return {};
  const config = block(r, 'autoscaling');
  if (!config) {
    // No autoscaling block: a fixed pool of node_count nodes in each zone.
    return {
      autoscaling: { enabled: false },
      nodeCount: perZoneCount !== undefined && zoneCount ? perZoneCount * zoneCount : undefined,
      perZone: { nodeCount: perZoneCount },
    };
  }
  const totalMax = optPositive(config, 'total_max_node_count');
  if (totalMax !== undefined) {
    return { autoscaling: autoscalingOf(true, config.integer('total_min_node_count') ?? 0, totalMax) };
  }
  const min = config.integer('min_node_count');
  const max = config.integer('max_node_count');
  if (min !== undefined && max !== undefined && min > max) {
    config.report('min_node_count', `is greater than max_node_count (${min} > ${max})`);
  }
  return {
    autoscaling: autoscalingOf(
      true,
      min !== undefined && zoneCount ? min * zoneCount : undefined,
      max !== undefined && zoneCount ? max * zoneCount : undefined,
    ),
    perZone: { min, max },
  };
}

/** Preemptible VMs are the older form of Spot VMs. */
function capacityOf(spot: boolean | undefined, preemptible: boolean | undefined): CapacityType | undefined {
  if (spot === undefined && preemptible === undefined) return undefined;
  return spot || preemptible ? 'spot' : 'on-demand';
}

function osOf(imageType: string | undefined): OperatingSystem | undefined {
  if (!imageType) return undefined;
  return imageType.toUpperCase().startsWith('WINDOWS') ? 'windows' : 'linux';
}

function capacityPath(config: RecordReader): string {
  return config.boolean('preemptible') && !config.boolean('spot') ? 'node_config.preemptible' : 'node_config.spot';
}

/** One pool block, standalone or inside a cluster. */
function readPoolBlock(r: RecordReader, scope: GkeScope, resourceType: string): PoolDraft {
  const name = r.requiredString('name');
  const config = block(r, 'node_config');
  const machineType = config && optString(config, 'machine_type');
  const imageType = config && optString(config, 'image_type');
  const zones = zonesOf(r, scope);
  const spot = config?.boolean('spot');
  const preemptible = config?.boolean('preemptible');
  return {
    provider: gkeProfile.provider,
    account: scope.account,
    region: scope.region,
    cluster: scope.cluster,
    name,
    address: '',
    resourceType,
    ...sizes(r, zones?.length),
    machineTypes: machineType ? [machineType] : undefined,
    capacityType: capacityOf(spot, preemptible),
    os: osOf(imageType),
    arch: machineType ? gceMachineTypeArch(machineType) : undefined,
    labels: config?.stringMap('labels'),
    taints: config?.has('taint') ? readTaintList(config, 'taint', UPPER_SNAKE_EFFECTS) : undefined,
    zones,
    kubernetesVersion: optString(r, 'version'),
    tags: config?.stringMap('resource_labels'),
    maxPodsPerNode: optPositive(r, 'max_pods_per_node'),
    diskSizeGb: config && optPositive(config, 'disk_size_gb'),
    autoUpgrade: block(r, 'management')?.boolean('auto_upgrade'),
    target: scope.target,
    declared: {
      autoscaling: 'autoscaling',
      nodeCount: 'node_count',
      machineTypes: 'node_config.machine_type',
      capacityType: config ? capacityPath(config) : 'node_config.spot',
      os: 'node_config.image_type',
      arch: 'node_config.machine_type',
      labels: 'node_config.labels',
      taints: 'node_config.taint',
      zones: 'node_locations',
      kubernetesVersion: 'version',
      tags: 'node_config.resource_labels',
      maxPodsPerNode: 'max_pods_per_node',
      diskSizeGb: 'node_config.disk_size_gb',
    },
  };
}

/** Project, location and cluster of a resource: its own attributes, else its id; provider 2.x kept `zone`/`region`. */
function locate(r: RecordReader): { project?: string; location?: string; cluster?: string } {
  const path = parseGkePath(optString(r, 'id'));
  return {
    project: optString(r, 'project') ?? path?.project,
    location: optString(r, 'location') ?? optString(r, 'zone') ?? optString(r, 'region') ?? path?.location,
    cluster: path?.cluster,
  };
}

function scopeOf(project: string | undefined, location: string | undefined, cluster: string): GkeScope {
  const where = gcpLocation(location);
  return {
    provider: gkeProfile.provider,
    account: project,
    region: where?.region,
    zone: where?.zone,
    cluster,
    target: { location },
  };
}

export const googleContainerNodePool: PoolResourceReader = {
  type: 'google_container_node_pool',
  shape: { ...POOL_BLOCK, id: true, name_prefix: true, cluster: true, location: true, zone: true, region: true, project: true },
  read(r, scope) {
    if (!optString(r, 'name') && optString(r, 'name_prefix')) {
      scope.note('the pool name is generated from name_prefix at apply time: not read');
      return [];
    }
    const own = locate(r);
    // `cluster` holds a name, or the cluster's id when set from google_container_cluster.x.id.
    const clusterAttr = optString(r, 'cluster');
    const clusterPath = parseGkePath(clusterAttr);
    const cluster = clusterPath?.cluster ?? clusterAttr ?? own.cluster;
    if (!cluster) r.report('cluster', 'is required');
    const where = scopeOf(own.project ?? clusterPath?.project, own.location ?? clusterPath?.location, cluster ?? '');
    return [readPoolBlock(r, where, 'google_container_node_pool')];
  },
};

export const googleContainerCluster: ClusterResourceReader = {
  type: 'google_container_cluster',
  shape: {
    id: true,
    name: true,
    location: true,
    zone: true,
    region: true,
    project: true,
    master_version: true,
    min_master_version: true,
    remove_default_node_pool: true,
    node_pool: POOL_BLOCK,
  },
  readCluster(r, address) {
    const own = locate(r);
    const name = optString(r, 'name') ?? own.cluster;
    if (!name) return undefined;
    const scope = scopeOf(own.project, own.location, name);
    return {
      provider: gkeProfile.provider,
      account: scope.account,
      region: scope.region,
      name,
      id: optString(r, 'id'),
      kubernetesVersion: optString(r, 'master_version') ?? optString(r, 'min_master_version'),
      address,
      target: scope.target,
    };
  },
  readPools(r, cluster: ClusterDraft) {
    const location = cluster.target?.location;
    const scope = scopeOf(cluster.account, location, cluster.name);
    // The default pool GKE creates is deleted right away when remove_default_node_pool is set.
    const removeDefault = r.boolean('remove_default_node_pool') === true;
    return (r.objectArray('node_pool') ?? [])
      .filter(pool => !(removeDefault && pool.get('name') === 'default-pool'))
      .map(pool => readPoolBlock(pool, scope, 'google_container_cluster.node_pool'));
  },
};
