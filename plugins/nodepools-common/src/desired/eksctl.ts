import type { CapacityType, OperatingSystem, Taint } from '../model/pool';
import { awsInstanceTypesArch } from '../parsers/architecture';
import { describeValue, RecordReader } from '../parsers/fields';
import { KUBERNETES_EFFECTS, readTaintList, taint } from '../parsers/taints';
import { ItemFieldError, ItemFieldErrors } from '../parsers/types';
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
  const capacity: CapacityType = percent >= 100 ? 'on-demand' : percent === 0 && base === 0 ? 'spot' : 'mixed';
  return { types: d.stringArray('instanceTypes'), capacity };
}

function osOf(amiFamily: string | undefined): OperatingSystem | undefined {
  if (!amiFamily) return undefined;
  return amiFamily.startsWith('Windows') ? 'windows' : 'linux';
}

function readGroup(r: RecordReader, managed: boolean, where: { cluster: string; region?: string; address: string }): PoolDraft {
  const name = r.requiredString('name');
  const mixed = managed ? {} : distribution(r);
  const single = r.string('instanceType');
  const list = r.stringArray('instanceTypes') ?? mixed.types;
  const machineTypes = list?.length ? list : single && single !== 'mixed' ? [single] : undefined;
  const spot = managed ? r.boolean('spot') : undefined;
  return {
    provider: managed ? 'eks' : 'kubernetes',
    region: where.region,
    cluster: where.cluster,
    name,
    address: where.address,
    resourceType: managed ? 'managedNodeGroups' : 'nodeGroups',
    ...sizes(r),
    machineTypes,
    arch: machineTypes ? awsInstanceTypesArch(machineTypes) : undefined,
    capacityType: managed ? (spot === undefined ? undefined : spot ? 'spot' : 'on-demand') : mixed.capacity,
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
      machineTypes: list?.length ? (mixed.types ? 'instancesDistribution.instanceTypes' : 'instanceTypes') : 'instanceType',
      arch: list?.length ? 'instanceTypes' : 'instanceType',
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
    let where: Identity & { cluster: string } = { cluster: '' };
    collect(ctx, prefix ? `documents[${index}]` : undefined, issues, () => {
      const metadata = r.object('metadata');
      if (!metadata) r.report('metadata', 'is required');
      where = { cluster: metadata?.requiredString('name') ?? '', region: metadata?.string('region') };
      const version = metadata?.string('version');
      r.finish();
      const identity = applyContext(where, ctx);
      clusters.push({
        provider: 'eks',
        region: identity.region,
        account: identity.account,
        name: identity.cluster ?? where.cluster,
        id: where.cluster,
        ...(version !== undefined ? { kubernetesVersion: String(version) } : {}),
        format: 'eksctl',
        source: ctx.source ?? '',
        address: `${prefix}metadata`,
      });
    });
    for (const [key, managed] of [['managedNodeGroups', true], ['nodeGroups', false]] as const) {
      const groups = r.get(key);
      if (groups === undefined) continue;
      if (!Array.isArray(groups)) {
        issues.push(issueOf(ctx, prefix ? `documents[${index}]` : undefined, new ItemFieldError(key, `expected a list, got ${describeValue(groups)}`)));
        continue;
      }
      groups.forEach((group, position) => {
        const address = `${prefix}${key}[${position}]`;
        collect(ctx, address, issues, () => {
          const g = RecordReader.forItem(group, 'a node group');
          const draft = readGroup(g, managed, { ...where, address });
          g.finish();
          pools.push(finishPool(draft, 'eksctl', ctx));
        });
      });
    }
  });
  if (issues.length) throw new DesiredReadError(issues);
  return { format: 'eksctl', pools, clusters, notes: [] };
}
