import type {
  Autoscaling,
  OperatingSystem,
  PoolMode,
  PoolSpec,
  Taint,
  TaintEffect,
} from '../model/pool';
import { azureVmSizeArch } from './architecture';
import { collectItems, type IndexedItem } from './collect';
import { describeValue, RecordReader } from './fields';
import { completePool } from './poolSpec';
import { KUBERNETES_EFFECTS, taint } from './taints';
import type { ExportContext, ItemParser } from './types';

/** What AKS puts on every node of a Spot pool, whether or not the pool's record lists it. */
const SPOT_KEY = 'kubernetes.azure.com/scalesetpriority';
const SPOT_TAINT: Taint = { key: SPOT_KEY, value: 'spot', effect: 'NoSchedule' };

/**
 * ARM's known modes; ARM enums are open and case-insensitive. `Gateway` pools
 * only run AKS's static egress gateway and `Machines` pools host machines
 * managed one by one: neither is a system pool. `ManagedSystem` is the system
 * pool AKS runs itself.
 */
const MODES: Readonly<Record<string, PoolMode>> = {
  System: 'system',
  User: 'user',
  Gateway: 'user',
  ManagedSystem: 'system',
  Machines: 'user',
};

const PRIORITIES: Readonly<Record<string, 'spot' | 'regular'>> = {
  Spot: 'spot',
  Regular: 'regular',
};

const OS_TYPES: Readonly<Record<string, OperatingSystem>> = {
  Linux: 'linux',
  Windows: 'windows',
};

const ID_FORMAT =
  '/subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/C/agentPools/N';

const TAINT_FORMAT =
  '"key=value:Effect" or "key:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute';

interface AgentPoolId {
  subscription?: string;
  cluster: string;
  name?: string;
}

/** The segment after `type` in an ARM id; segment names are case-insensitive (`resourcegroups`, `resourceGroups`). */
function segmentAfter(segments: readonly string[], type: string): string | undefined {
  const at = segments.findIndex(s => s.toLowerCase() === type);
  return at >= 0 && at + 1 < segments.length ? segments[at + 1] : undefined;
}

/**
 * An ARM resource id, read by its named segments so that any casing, a
 * trailing slash or a child resource after the pool still gives the
 * subscription, cluster and pool.
 */
export function parseAgentPoolId(id: string): AgentPoolId | undefined {
  const segments = id.split('/').filter(Boolean);
  const cluster = segmentAfter(segments, 'managedclusters');
  if (!cluster) return undefined;
  const subscription = segmentAfter(segments, 'subscriptions');
  const name = segmentAfter(segments, 'agentpools');
  return {
    ...(subscription ? { subscription } : {}),
    cluster,
    ...(name ? { name } : {}),
  };
}

function readId(r: RecordReader): AgentPoolId | undefined {
  const id = r.string('id');
  if (id === undefined) return undefined;
  const parsed = parseAgentPoolId(id);
  if (!parsed) {
    r.warn(
      'id',
      `not an agent pool id (${ID_FORMAT}): the subscription and cluster come from the file's config`,
    );
  }
  return parsed;
}

/** `key=value:Effect` or `key:Effect`, as `az` and the ARM API write node taints. */
function parseTaintString(text: string): Taint | undefined {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const effect: TaintEffect | undefined =
    KUBERNETES_EFFECTS[text.slice(colon + 1)];
  const keyValue = text.slice(0, colon);
  const equals = keyValue.indexOf('=');
  const key = equals < 0 ? keyValue : keyValue.slice(0, equals);
  if (!effect || !key) return undefined;
  const value = equals < 0 ? undefined : keyValue.slice(equals + 1);
  return taint(key, value, effect);
}

function readTaints(props: RecordReader): Taint[] {
  const taints: Taint[] = [];
  (props.array('nodeTaints') ?? []).forEach((entry, index) => {
    const parsed =
      typeof entry === 'string' ? parseTaintString(entry) : undefined;
    if (parsed) {
      taints.push(parsed);
    } else {
      props.report(
        `nodeTaints[${index}]`,
        `expected ${TAINT_FORMAT}, got ${describeValue(entry)}`,
      );
    }
  });
  return taints;
}

function withSpotMarks(
  spot: boolean,
  labels: Record<string, string>,
  taints: Taint[],
): { labels: Record<string, string>; taints: Taint[] } {
  if (!spot) return { labels, taints };
  const tainted = taints.some(
    t =>
      t.key === SPOT_TAINT.key &&
      t.value === SPOT_TAINT.value &&
      t.effect === SPOT_TAINT.effect,
  );
  return {
    labels: { ...labels, [SPOT_KEY]: 'spot' },
    taints: tainted ? taints : [...taints, SPOT_TAINT],
  };
}

function isManagedSystem(props: RecordReader): boolean {
  const mode = props.get('mode');
  return typeof mode === 'string' && mode.toLowerCase() === 'managedsystem';
}

/**
 * The cluster autoscaler manages a pool when `enableAutoScaling` is true,
 * within `minCount..maxCount` (which AKS may keep, unused, when it is off).
 * AKS itself scales its `ManagedSystem` pool with the cluster's usage.
 */
function autoscaling(props: RecordReader, managedSystem: boolean): Autoscaling {
  const enabled = props.boolean('enableAutoScaling') ?? false;
  const min = props.integer('minCount');
  const max = props.integer('maxCount');
  if (!enabled) return { enabled: managedSystem };
  return {
    enabled,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

/**
 * A stopped pool (`az aks nodepool stop`) still reads `Succeeded`; its power
 * state is what tells it has no nodes running.
 */
function state(props: RecordReader): string | undefined {
  const provisioning = props.string('provisioningState');
  const power = props.object('powerState')?.string('code');
  return power?.toLowerCase() === 'stopped' ? 'Stopped' : provisioning;
}

/** A pool, and whether AKS recorded its mode (pools made before modes existed have none). */
export interface AksAgentPoolRecord {
  pool: PoolSpec;
  modeRecorded: boolean;
}

/**
 * Reads one agent pool in any of its shapes: the ARM wire shape (fields under
 * `properties`), the `@azure/arm-containerservice` object, or `az aks nodepool
 * list/show -o json` output (both flattened; the CLI spells `osSku` and
 * `osDiskSizeGb` its own way). The region is not in the record and comes from
 * the context.
 */
export function readAksAgentPool(
  item: unknown,
  ctx: ExportContext,
): AksAgentPoolRecord {
  const r = RecordReader.forItem(item, 'an AKS agent pool');
  const props = r.has('properties') ? r.object('properties') ?? r : r;
  const id = readId(r);
  const recordedName = r.string('name');
  const name = recordedName || id?.name || '';
  if (!name && (recordedName !== undefined || !r.has('name'))) {
    r.report('name', 'is required');
  }
  const cluster = id?.cluster ?? ctx.cluster;
  if (!cluster && (typeof r.get('id') === 'string' || !r.has('id'))) {
    r.report(
      'id',
      r.has('id')
        ? `names no cluster (${ID_FORMAT}): set \`cluster\` for this file`
        : 'is required to know the cluster: the record has no id; set `cluster` for this file',
    );
  }
  const vmSize = props.string('vmSize');
  const spot =
    props.openEnum('scaleSetPriority', PRIORITIES, 'Regular') === 'spot';
  const mode = props.openEnum('mode', MODES, 'User');
  const osSku = props.string('osSKU') ?? props.string('osSku');
  const windows =
    props.openEnum('osType', OS_TYPES, 'Linux') === 'windows' ||
    !!osSku?.toLowerCase().startsWith('windows');
  const marked = withSpotMarks(
    spot,
    props.stringMap('nodeLabels') ?? {},
    readTaints(props),
  );
  const pool: PoolSpec = {
    provider: 'aks',
    account: id?.subscription ?? ctx.account,
    region: ctx.region,
    cluster: cluster ?? '',
    name,
    mode: mode ?? 'user',
    os: windows ? 'windows' : 'linux',
    arch: vmSize ? azureVmSizeArch(vmSize) : undefined,
    machineTypes: vmSize ? [vmSize] : [],
    capacityType: spot ? 'spot' : 'on-demand',
    nodeCount: props.integer('count'),
    autoscaling: autoscaling(props, isManagedSystem(props)),
    labels: marked.labels,
    taints: marked.taints,
    // Zone numbers as AKS gives them; the nodes' zone label reads `<region>-<number>`.
    zones: [...new Set(props.stringArray('availabilityZones') ?? [])].sort(),
    kubernetesVersion:
      props.string('currentOrchestratorVersion') ??
      props.string('orchestratorVersion'),
    nodeImageVersion: props.string('nodeImageVersion'),
    state: state(props),
    tags: props.stringMap('tags') ?? {},
    maxPodsPerNode: props.integer('maxPods'),
    diskSizeGb: props.integer('osDiskSizeGB') ?? props.integer('osDiskSizeGb'),
    raw: item,
  };
  return {
    pool: completePool(r, pool, ctx),
    modeRecorded: props.has('mode'),
  };
}

/** One AKS agent pool in any of its shapes; a pool without a mode is read as `user`. */
export const parseAksAgentPool: ItemParser = (item, ctx) =>
  readAksAgentPool(item, ctx).pool;

/**
 * AKS requires a system pool in every cluster, so in a complete listing a
 * cluster's only pool is its system pool even when its record has no mode.
 * Spot pools cannot be system pools, so they stay `user`.
 */
export function markSoleAksPoolsAsSystem(
  records: readonly AksAgentPoolRecord[],
): PoolSpec[] {
  const clusterKey = (p: PoolSpec) => `${p.account ?? ''}/${p.cluster}`;
  const perCluster = new Map<string, number>();
  for (const { pool } of records) {
    const key = clusterKey(pool);
    perCluster.set(key, (perCluster.get(key) ?? 0) + 1);
  }
  return records.map(({ pool, modeRecorded }) =>
    !modeRecorded &&
    pool.capacityType !== 'spot' &&
    perCluster.get(clusterKey(pool)) === 1
      ? { ...pool, mode: 'system' }
      : pool,
  );
}

/**
 * Every agent pool of a complete listing (all pages read): applies the rule
 * that a cluster's only pool is its system pool. Throws ExportParseError with
 * every problem of every item.
 */
export function parseAksAgentPoolListing(
  items: readonly unknown[],
  ctx: ExportContext,
): PoolSpec[] {
  const indexed = items.map((value, index): IndexedItem => ({ index, value }));
  return markSoleAksPoolsAsSystem(
    collectItems(indexed, readAksAgentPool, ctx),
  );
}
