import type { CapacityType, OperatingSystem, Taint } from '../model/pool';
import { awsInstanceTypesArch } from '../parsers/architecture';
import { describeValue, RecordReader } from '../parsers/fields';
import { KUBERNETES_EFFECTS, readTaintList, taint } from '../parsers/taints';
import { ItemFieldError, ItemFieldErrors } from '../parsers/types';
import { eksProfile } from '../providers/eks';
import { SELF_MANAGED_PROVIDER } from '../providers/registry';
import { applyContext, finishPool, type Identity, type PoolDraft } from './pool';
import {
  DesiredReadError,
  type DesiredCluster,
  type DesiredContext,
  type DesiredIssue,
  type DesiredPool,
  type DesiredRead,
} from './types';

/*
 * eksctl ClusterConfig (eksctl.io/v1alpha5). managedNodeGroups are EKS
 * managed node groups; nodeGroups are self-managed Auto Scaling groups the
 * cloud does not list as pools, so they are matched to the pools seen
 * through their nodes (provider `kubernetes`).
 */

/** eksctl's size when a group sets none (DefaultNodeCount). */
const DEFAULT_NODE_COUNT = 2;

export function isEksctlConfig(document: unknown): boolean {
  return (
    typeof document === 'object' &&
    document !== null &&
    (document as Record<string, unknown>).kind === 'ClusterConfig' &&
    String((document as Record<string, unknown>).apiVersion ?? '').startsWith('eksctl.io/')
  );
}

/**
 * eksctl's own rules: minSize defaults to desiredCapacity (else 2), maxSize
 * to desiredCapacity (else minSize), desiredCapacity to minSize. A group
 * with only desiredCapacity is a fixed-size group.
 */
function sizes(r: RecordReader): Pick<PoolDraft, 'autoscaling' | 'nodeCount'> {
  const minSize = r.integer('minSize');
  const maxSize = r.integer('maxSize');
  const desired = r.integer('desiredCapacity');
  const min = minSize ?? desired ?? DEFAULT_NODE_COUNT;
  const max = maxSize ?? desired ?? min;
  if (min > max) r.report('minSize', `is greater than maxSize (${min} > ${max})`);
  if (desired !== undefined && (desired < min || desired > max)) {
    r.report('desiredCapacity', `is outside minSize..maxSize (${desired} not in ${min}..${max})`);
  }
  return { autoscaling: { enabled: min < max, min, max }, nodeCount: desired ?? min };
}

/** The unmanaged groups' map form: `taints: {key: "value:NoSchedule"}`. */
function readTaintMap(r: RecordReader): Taint[] {
  const taints: Taint[] = [];
  for (const [key, raw] of Object.entries(r.stringMap('taints') ?? {})) {
    const colon = raw.lastIndexOf(':');
    const effect = colon >= 0 ? KUBERNETES_EFFECTS[raw.slice(colon + 1)] : undefined;
    if (!effect) {
      r.report(`taints.${key}`, `expected "value:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute, got ${describeValue(raw)}`);
    } else {
      taints.push(taint(key, raw.slice(0, colon), effect));
    }
  }
  return taints;
}

function readTaints(r: RecordReader): Taint[] | undefined {
  const value = r.get('taints');
  if (value === undefined) return undefined;
  return Array.isArray(value) ? readTaintList(r, 'taints', KUBERNETES_EFFECTS) : readTaintMap(r);
}

/** Unmanaged groups mix on-demand and spot through an instances distribution. */
function distribution(r: RecordReader): { types?: string[]; capacity?: CapacityType } {
  const d = r.object('instancesDistribution');
  if (!d) return {};
  const base = d.integer('onDemandBaseCapacity') ?? 0;
  const percent = d.integer('onDemandPercentageAboveBaseCapacity') ?? 100;
  let capacity: CapacityType = 'mixed';
  if (percent >= 100) capacity = 'on-demand';
  else if (percent === 0 && base === 0) capacity = 'spot';
  return { types: d.stringArray('instanceTypes'), capacity };
}

/** Managed groups are on-demand unless `spot: true`; unset leaves it to eksctl. */
function managedCapacity(spot: boolean | undefined): CapacityType | undefined {
  if (spot === undefined) return undefined;
  return spot ? 'spot' : 'on-demand';
}

interface InstanceTypes {
  types?: string[];
  /** Where they are declared. */
  path: string;
}

/** `instanceTypes`, the instances distribution's list, or the single `instanceType` (`mixed` names none). */
function instanceTypes(r: RecordReader, mixed: { types?: string[] }): InstanceTypes {
  const list = r.stringArray('instanceTypes');
  if (list?.length) return { types: list, path: 'instanceTypes' };
  if (mixed.types?.length) return { types: mixed.types, path: 'instancesDistribution.instanceTypes' };
  const single = r.string('instanceType');
  return { types: single && single !== 'mixed' ? [single] : undefined, path: 'instanceType' };
}

function osOf(amiFamily: string | undefined): OperatingSystem | undefined {
  if (!amiFamily) return undefined;
  return amiFamily.startsWith('Windows') ? 'windows' : 'linux';
}

function readGroup(r: RecordReader, managed: boolean, where: { cluster: string; region?: string; address: string }): PoolDraft {
  const name = r.requiredString('name');
  const mixed = managed ? {} : distribution(r);
  const { types: machineTypes, path: typesPath } = instanceTypes(r, mixed);
  return {
    provider: managed ? eksProfile.provider : SELF_MANAGED_PROVIDER,
    region: where.region,
    cluster: where.cluster,
    name,
    address: where.address,
    resourceType: managed ? 'managedNodeGroups' : 'nodeGroups',
    ...sizes(r),
    machineTypes,
    arch: machineTypes ? awsInstanceTypesArch(machineTypes) : undefined,
    capacityType: managed ? managedCapacity(r.boolean('spot')) : mixed.capacity,
    os: osOf(r.string('amiFamily')),
    labels: r.stringMap('labels'),
    taints: readTaints(r),
    zones: r.stringArray('availabilityZones')?.slice().sort(),
    tags: r.stringMap('tags'),
    maxPodsPerNode: r.integer('maxPodsPerNode'),
    diskSizeGb: r.integer('volumeSize'),
    declared: {
      autoscaling: 'minSize',
      nodeCount: 'desiredCapacity',
      machineTypes: typesPath,
      arch: typesPath,
      capacityType: managed ? 'spot' : 'instancesDistribution',
      os: 'amiFamily',
      labels: 'labels',
      taints: 'taints',
      zones: 'availabilityZones',
      tags: 'tags',
      maxPodsPerNode: 'maxPodsPerNode',
      diskSizeGb: 'volumeSize',
    },
  };
}

function issueOf(ctx: DesiredContext, address: string | undefined, error: ItemFieldError): DesiredIssue {
  return {
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(error.field !== undefined ? { field: error.field } : {}),
    message: error.message,
  };
}

function collect(ctx: DesiredContext, address: string | undefined, issues: DesiredIssue[], read: () => void): void {
  try {
    read();
  } catch (error) {
    if (error instanceof ItemFieldErrors) issues.push(...error.problems.map(p => issueOf(ctx, address, p)));
    else if (error instanceof ItemFieldError) issues.push(issueOf(ctx, address, error));
    else throw error;
  }
}

/** The cluster a config declares, added to `clusters`; its name and region are every group's. */
function readMetadata(
  r: RecordReader,
  prefix: string,
  ctx: DesiredContext,
  issues: DesiredIssue[],
  clusters: DesiredCluster[],
): { cluster: string; region?: string } {
  const metadata = r.object('metadata');
  if (!metadata) r.report('metadata', 'is required');
  const where = { cluster: metadata?.requiredString('name') ?? '', region: metadata?.string('region') };
  const version = metadata?.string('version');
  collect(ctx, prefix ? prefix.slice(0, -1) : undefined, issues, () => r.finish());
  const identity = applyContext<Identity>(where, ctx);
  clusters.push({
    provider: eksProfile.provider,
    region: identity.region,
    account: identity.account,
    name: identity.cluster ?? where.cluster,
    id: where.cluster,
    ...(version !== undefined ? { kubernetesVersion: version } : {}),
    format: 'eksctl',
    source: ctx.source ?? '',
    address: `${prefix}metadata`,
  });
  return where;
}

function readGroups(
  groups: readonly unknown[],
  managed: boolean,
  path: string,
  where: { cluster: string; region?: string },
  ctx: DesiredContext,
  issues: DesiredIssue[],
): DesiredPool[] {
  const pools: DesiredPool[] = [];
  groups.forEach((group, position) => {
    const address = `${path}[${position}]`;
    collect(ctx, address, issues, () => {
      const g = RecordReader.forItem(group, 'a node group');
      const draft = readGroup(g, managed, { ...where, address });
      g.finish();
      pools.push(finishPool(draft, 'eksctl', ctx));
    });
  });
  return pools;
}

/**
 * The node groups an eksctl ClusterConfig declares, each addressed as
 * `managedNodeGroups[i]` or `nodeGroups[i]` (prefixed with `documents[d].`
 * when the file holds several configs). Throws DesiredReadError with every
 * bad field.
 */
export function readEksctlConfigs(documents: readonly unknown[], ctx: DesiredContext): DesiredRead {
  const pools: DesiredPool[] = [];
  const clusters: DesiredCluster[] = [];
  const issues: DesiredIssue[] = [];
  documents.forEach((document, index) => {
    const prefix = documents.length > 1 ? `documents[${index}].` : '';
    const r = RecordReader.forItem(document, 'an eksctl ClusterConfig');
    const where = readMetadata(r, prefix, ctx, issues, clusters);
    for (const [key, managed] of [['managedNodeGroups', true], ['nodeGroups', false]] as const) {
      const groups = r.get(key);
      if (groups === undefined) continue;
      if (!Array.isArray(groups)) {
        issues.push(issueOf(ctx, prefix ? `documents[${index}]` : undefined, new ItemFieldError(key, `expected a list, got ${describeValue(groups)}`)));
        continue;
      }
      pools.push(...readGroups(groups, managed, `${prefix}${key}`, where, ctx, issues));
    }
  });
  if (issues.length) throw new DesiredReadError(issues);
  return { format: 'eksctl', pools, clusters, notes: [] };
}
