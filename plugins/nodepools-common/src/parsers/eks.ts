import type {
  Architecture,
  Autoscaling,
  CapacityType,
  OperatingSystem,
  PoolSpec,
} from '../model/pool';
import { awsInstanceTypesArch } from './architecture';
import { RecordReader } from './fields';
import { completePool } from './poolSpec';
import { modeFromTaints, readTaintList, UPPER_SNAKE_EFFECTS } from './taints';
import type { ExportContext, ItemParser } from './types';

const CAPACITY_TYPES: Readonly<Record<string, CapacityType>> = {
  ON_DEMAND: 'on-demand',
  SPOT: 'spot',
  CAPACITY_BLOCK: 'capacity-block',
};

interface NodegroupArn {
  region?: string;
  account?: string;
  cluster: string;
}

const ARN_FORMAT = 'arn:PARTITION:eks:REGION:ACCOUNT:nodegroup/CLUSTER/NAME/ID';

/**
 * `arn:aws:eks:us-east-1:111122223333:nodegroup/prod/workers/0ac1...`. Read
 * by position, in any partition (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`...)
 * and with whatever account and region it holds: only the service and the
 * resource type must say it is a node group.
 */
export function parseNodegroupArn(arn: string): NodegroupArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'eks') {
    return undefined;
  }
  const [type, cluster] = parts.slice(5).join(':').split('/');
  if (type !== 'nodegroup' || !cluster) return undefined;
  return {
    ...(parts[3] ? { region: parts[3] } : {}),
    ...(parts[4] ? { account: parts[4] } : {}),
    cluster,
  };
}

function readArn(r: RecordReader): NodegroupArn | undefined {
  const arn = r.string('nodegroupArn');
  if (arn === undefined) return undefined;
  const parsed = parseNodegroupArn(arn);
  if (!parsed) {
    r.warn(
      'nodegroupArn',
      `not a node group ARN (${ARN_FORMAT}): account, region and cluster come from clusterName and the file's config`,
    );
  }
  return parsed;
}

/**
 * The AMI type names the OS and architecture (`AL2023_ARM_64_STANDARD`,
 * `BOTTLEROCKET_x86_64_NVIDIA`, `WINDOWS_CORE_2022_x86_64`); `CUSTOM` (a launch
 * template's own AMI) says nothing, so the instance types decide the
 * architecture, and an unknown one stays unknown. New AMI types keep the
 * scheme, so the parts are read, not the whole name.
 */
function osAndArch(
  amiType: string | undefined,
  instanceTypes: readonly string[],
): { os: OperatingSystem; arch?: Architecture } {
  const type = amiType?.toUpperCase();
  const os: OperatingSystem = type?.startsWith('WINDOWS_') ? 'windows' : 'linux';
  if (type?.includes('ARM_64')) return { os, arch: 'arm64' };
  if (type?.includes('X86_64')) return { os, arch: 'amd64' };
  return { os, arch: awsInstanceTypesArch(instanceTypes) };
}

/**
 * Every managed node group is an Auto Scaling group that EKS tags for the
 * cluster autoscaler's auto-discovery, and `minSize..maxSize` is the range the
 * autoscaler keeps it in (EKS has no switch to turn that off): autoscaling is
 * on for every group, and min == max is a fixed size (`isFixedSize`).
 */
function scaling(r: RecordReader): {
  autoscaling: Autoscaling;
  desired?: number;
} {
  const config = r.object('scalingConfig');
  if (!config) return { autoscaling: { enabled: true } };
  const min = config.integer('minSize');
  const max = config.integer('maxSize');
  const desired = config.integer('desiredSize');
  if (min !== undefined && max !== undefined && min > max) {
    config.report('minSize', `is greater than maxSize (${min} > ${max})`);
  }
  return {
    autoscaling: {
      enabled: true,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
    },
    desired,
  };
}

/**
 * One EKS managed node group as `aws eks describe-nodegroup` prints it (the
 * object under `nodegroup`) or `@aws-sdk/client-eks` DescribeNodegroup returns
 * it. EKS has no zone field (a group spans its subnets) and no system/user
 * mode, so a group is `system` only when tainted CriticalAddonsOnly.
 */
export const parseEksNodegroup: ItemParser = (
  item: unknown,
  ctx: ExportContext,
): PoolSpec => {
  const r = RecordReader.forItem(item, 'an EKS nodegroup');
  const name = r.requiredString('nodegroupName');
  const arn = readArn(r);
  const clusterName = r.string('clusterName');
  const cluster = clusterName || arn?.cluster || ctx.cluster;
  if (!cluster && (clusterName !== undefined || !r.has('clusterName'))) {
    r.report(
      'clusterName',
      'is required: neither clusterName nor nodegroupArn names the cluster; set `cluster` for this file',
    );
  }
  const instanceTypes = r.stringArray('instanceTypes') ?? [];
  const capacityType = r.openEnum(
    'capacityType',
    CAPACITY_TYPES,
    'on-demand',
  );
  const taints = readTaintList(r, 'taints', UPPER_SNAKE_EFFECTS);
  const { autoscaling, desired } = scaling(r);
  const pool: PoolSpec = {
    provider: 'eks',
    account: arn?.account ?? ctx.account,
    region: arn?.region ?? ctx.region,
    cluster: cluster ?? '',
    name,
    mode: modeFromTaints(taints),
    ...osAndArch(r.string('amiType'), instanceTypes),
    // Order kept: EKS launches on-demand instance types in the listed priority.
    machineTypes: instanceTypes,
    // Groups made before Spot support have no capacityType: they are on-demand.
    capacityType: capacityType ?? 'on-demand',
    nodeCount: desired,
    autoscaling,
    labels: r.stringMap('labels') ?? {},
    taints,
    zones: [],
    kubernetesVersion: r.string('version'),
    nodeImageVersion: r.string('releaseVersion'),
    state: r.string('status'),
    tags: r.stringMap('tags') ?? {},
    diskSizeGb: r.integer('diskSize'),
    raw: item,
  };
  return completePool(r, pool, ctx);
};
