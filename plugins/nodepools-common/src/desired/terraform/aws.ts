import type { Architecture, CapacityType, OperatingSystem } from '../../model/pool';
import type { RecordReader } from '../../parsers/fields';
import { readTaintList, UPPER_SNAKE_EFFECTS } from '../../parsers/taints';
import { eksProfile } from '../../providers/eks';
import type { PoolDraft } from '../pool';
import { parseEksArn } from './identity';
import type { ClusterResourceReader, PoolResourceReader } from './resource';
import { autoscalingOf, block, knownValue, optPositive, optString } from './values';

/*
 * hashicorp/aws: aws_eks_node_group and aws_eks_cluster. The provider docs
 * say ami_type, capacity_type, disk_size, instance_types and version are
 * only drift-checked when configured; state always holds them, so they are
 * read when set and non-empty.
 */

const CAPACITY_TYPES: Readonly<Record<string, CapacityType>> = {
  ON_DEMAND: 'on-demand',
  SPOT: 'spot',
  CAPACITY_BLOCK: 'capacity-block',
};

/** `AL2023_ARM_64_STANDARD`, `BOTTLEROCKET_x86_64_NVIDIA`, `WINDOWS_CORE_2022_x86_64`; CUSTOM says nothing. */
function amiOsArch(amiType: string | undefined): { os?: OperatingSystem; arch?: Architecture } {
  if (!amiType || amiType === 'CUSTOM') return {};
  const os: OperatingSystem = amiType.startsWith('WINDOWS_') ? 'windows' : 'linux';
  if (amiType.includes('ARM_64')) return { os, arch: 'arm64' };
  if (amiType.includes('x86_64')) return { os, arch: 'amd64' };
  return { os };
}

/** `cluster_name:node_group_name` */
function splitId(id: string | undefined): { cluster?: string; name?: string } {
  const colon = id?.indexOf(':') ?? -1;
  return id && colon > 0 ? { cluster: id.slice(0, colon), name: id.slice(colon + 1) } : {};
}

function scaling(r: RecordReader): Pick<PoolDraft, 'autoscaling' | 'nodeCount'> {
  const config = block(r, 'scaling_config');
  if (!config) return {};
  const min = config.integer('min_size');
  const max = config.integer('max_size');
  if (min !== undefined && max !== undefined && min > max) {
    config.report('min_size', `is greater than max_size (${min} > ${max})`);
  }
  return {
    autoscaling:
      min !== undefined || max !== undefined
        ? autoscalingOf(min !== undefined && max !== undefined && min < max, min, max)
        : undefined,
    nodeCount: config.integer('desired_size'),
  };
}

export const awsEksNodeGroup: PoolResourceReader = {
  type: 'aws_eks_node_group',
  shape: {
    arn: true,
    id: true,
    region: true,
    cluster_name: true,
    node_group_name: true,
    node_group_name_prefix: true,
    scaling_config: { desired_size: true, min_size: true, max_size: true },
    instance_types: true,
    capacity_type: true,
    ami_type: true,
    disk_size: true,
    labels: true,
    taint: { key: true, value: true, effect: true },
    version: true,
    release_version: true,
    tags: true,
    tags_all: true,
  },
  read(r, scope) {
    const arn = optString(r, 'arn');
    const parsedArn = parseEksArn(arn);
    const fromId = splitId(optString(r, 'id'));
    const name = optString(r, 'node_group_name') ?? parsedArn?.nodegroup ?? fromId.name;
    if (!name && optString(r, 'node_group_name_prefix')) {
      scope.note('the node group name is generated from node_group_name_prefix at apply time: not read');
      return [];
    }
    if (!name) r.report('node_group_name', 'is required');
    const amiType = optString(r, 'ami_type');
    const capacity = knownValue(r, 'capacity_type', Object.keys(CAPACITY_TYPES));
    const instanceTypes = r.stringArray('instance_types');
    // tags_all adds the provider's default_tags: what the API holds.
    const tags = r.stringMap('tags_all') ?? r.stringMap('tags');
    const pool: PoolDraft = {
      provider: eksProfile.provider,
      account: parsedArn?.account,
      region: parsedArn?.region ?? optString(r, 'region'),
      cluster: optString(r, 'cluster_name') ?? parsedArn?.cluster ?? fromId.cluster ?? '',
      name: name ?? '',
      address: '',
      resourceType: 'aws_eks_node_group',
      ...scaling(r),
      // Order kept: EKS launches on-demand instance types in the listed priority.
      machineTypes: instanceTypes?.length ? instanceTypes : undefined,
      capacityType: capacity ? CAPACITY_TYPES[capacity] : undefined,
      ...amiOsArch(amiType),
      labels: r.stringMap('labels'),
      taints: r.has('taint') ? readTaintList(r, 'taint', UPPER_SNAKE_EFFECTS) : undefined,
      kubernetesVersion: optString(r, 'version'),
      nodeImageVersion: optString(r, 'release_version'),
      tags,
      // 0 in state when a launch template sets the disk.
      diskSizeGb: optPositive(r, 'disk_size'),
      target: { arn },
      declared: {
        autoscaling: 'scaling_config',
        nodeCount: 'scaling_config.desired_size',
        machineTypes: 'instance_types',
        capacityType: 'capacity_type',
        os: 'ami_type',
        arch: 'ami_type',
        labels: 'labels',
        taints: 'taint',
        kubernetesVersion: 'version',
        nodeImageVersion: 'release_version',
        tags: r.has('tags_all') ? 'tags_all' : 'tags',
        diskSizeGb: 'disk_size',
      },
    };
    return [pool];
  },
};

export const awsEksCluster: ClusterResourceReader = {
  type: 'aws_eks_cluster',
  shape: { arn: true, id: true, name: true, region: true, version: true },
  readCluster(r, address) {
    const arn = parseEksArn(optString(r, 'arn'));
    const name = optString(r, 'name') ?? arn?.cluster ?? optString(r, 'id');
    if (!name) return undefined;
    return {
      provider: eksProfile.provider,
      account: arn?.account,
      region: arn?.region ?? optString(r, 'region'),
      name,
      id: name,
      kubernetesVersion: optString(r, 'version'),
      address,
    };
  },
};
