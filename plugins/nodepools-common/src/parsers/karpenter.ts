import type {
  Architecture,
  CapacityType,
  OperatingSystem,
  PoolRequirement,
  PoolSpec,
} from '../model/pool';
import { describeValue, RecordReader } from './fields';
import { karpenterAutoscaling } from './karpenterScaling';
import { completePool } from './poolSpec';
import { KUBERNETES_EFFECTS, modeFromTaints, readTaintList } from './taints';
import type { ExportContext, ItemParser } from './types';

const CAPACITY_TYPE_KEY = 'karpenter.sh/capacity-type';
const ARCH_KEY = 'kubernetes.io/arch';
const OS_KEY = 'kubernetes.io/os';
const INSTANCE_TYPE_KEY = 'node.kubernetes.io/instance-type';
const ZONE_KEY = 'topology.kubernetes.io/zone';

/** `reserved` is EC2 capacity-reservation capacity: on-demand capacity held in advance. */
const CAPACITY_TYPE_VALUES = ['on-demand', 'spot', 'reserved'];

const OPERATORS = [
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
  'Gt',
  'Lt',
  'Gte',
  'Lte',
] as const;
type KarpenterOperator = (typeof OPERATORS)[number];

const NUMERIC_OPERATORS: readonly KarpenterOperator[] = [
  'Gt',
  'Lt',
  'Gte',
  'Lte',
];
const INTEGER = /^-?\d+$/;

/**
 * Karpenter accepts `Gte`/`Lte` besides the Kubernetes operators and treats
 * them as `Gt n-1`/`Lt n+1` (the bounds are integers); the model keeps the
 * Kubernetes set, so they are written that way.
 */
function canonicalRequirement(
  key: string,
  operator: KarpenterOperator,
  values: string[],
): PoolRequirement {
  switch (operator) {
    case 'Gte':
      return { key, operator: 'Gt', values: [String(Number(values[0]) - 1)] };
    case 'Lte':
      return { key, operator: 'Lt', values: [String(Number(values[0]) + 1)] };
    case 'Exists':
    case 'DoesNotExist':
      return { key, operator };
    default:
      return { key, operator, values };
  }
}

/**
 * Why a requirement's values do not fit its operator, if they do not: the
 * rules Karpenter's own validation enforces, so such a NodePool cannot exist.
 */
function valuesProblem(
  operator: KarpenterOperator,
  values: string[],
): string | undefined {
  if (NUMERIC_OPERATORS.includes(operator)) {
    return values.length === 1 && INTEGER.test(values[0])
      ? undefined
      : `operator ${operator} takes exactly one integer value, got ${JSON.stringify(values)}`;
  }
  if ((operator === 'In' || operator === 'NotIn') && !values.length) {
    return `operator ${operator} needs at least one value`;
  }
  return undefined;
}

function readRequirement(entry: RecordReader): PoolRequirement | undefined {
  const key = entry.requiredString('key');
  const operator = entry.oneOf('operator', OPERATORS);
  if (!entry.has('operator')) {
    entry.report('operator', `is required: one of ${OPERATORS.join(', ')}`);
  }
  const values = entry.stringArray('values') ?? [];
  if (!key || !operator) return undefined;
  const problem = valuesProblem(operator, values);
  if (problem) {
    entry.report('values', problem);
    return undefined;
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length) {
    entry.warn('values', `operator ${operator} ignores values: left out`);
  }
  return canonicalRequirement(key, operator, values);
}

/** Whether one requirement lets a node have `value` for its key; Gt/Lt do not apply here. */
function permits(
  operator: PoolRequirement['operator'],
  values: readonly string[],
  value: string,
): boolean {
  switch (operator) {
    case 'In':
      return values.includes(value);
    case 'NotIn':
      return !values.includes(value);
    case 'DoesNotExist':
      return false;
    default:
      return true;
  }
}

/**
 * The values of a well-known key that every requirement on it allows, within
 * the values the key can take; undefined when no requirement names the key.
 */
function allowedValues(
  requirements: readonly PoolRequirement[],
  key: string,
  universe: readonly string[],
): Set<string> | undefined {
  const onKey = requirements.filter(r => r.key === key);
  if (!onKey.length) return undefined;
  return new Set(
    universe.filter(value =>
      onKey.every(r => permits(r.operator, r.values ?? [], value)),
    ),
  );
}

/** The values every `In` requirement on a key lists, sorted as a set; [] when none. */
function inValues(
  requirements: readonly PoolRequirement[],
  key: string,
): string[] {
  const lists = requirements
    .filter(r => r.key === key && r.operator === 'In')
    .map(r => r.values ?? []);
  if (!lists.length) return [];
  const common = lists[0].filter(value =>
    lists.every(list => list.includes(value)),
  );
  return [...new Set(common)].sort();
}

/**
 * Without a capacity-type requirement Karpenter launches on-demand capacity
 * only. Capacity types this parser does not know (Karpenter adds them over
 * releases) are left out with a warning; requirements that allow no capacity
 * type at all leave the NodePool unable to launch a node.
 */
function capacityType(
  requirements: readonly PoolRequirement[],
  reportOn: { reader: RecordReader; key: string },
): { capacityType: CapacityType; launchable: boolean } {
  const named = requirements
    .filter(r => r.key === CAPACITY_TYPE_KEY)
    .flatMap(r => r.values ?? []);
  const allowed = allowedValues(requirements, CAPACITY_TYPE_KEY, [
    ...new Set([...CAPACITY_TYPE_VALUES, ...named]),
  ]);
  if (!allowed) return { capacityType: 'on-demand', launchable: true };
  const unknown = [...allowed].filter(v => !CAPACITY_TYPE_VALUES.includes(v));
  const spot = allowed.has('spot');
  const onDemand = allowed.has('on-demand') || allowed.has('reserved');
  const known = spot || onDemand;
  if (unknown.length) {
    reportOn.reader.warn(
      reportOn.key,
      `unknown ${CAPACITY_TYPE_KEY} ${unknown.map(v => describeValue(v)).join(', ')} (known: ${CAPACITY_TYPE_VALUES.join(', ')}): ${known ? 'left out' : 'read as on-demand'}`,
    );
  }
  if (spot && onDemand) return { capacityType: 'mixed', launchable: true };
  if (spot) return { capacityType: 'spot', launchable: true };
  if (known || unknown.length) {
    return { capacityType: 'on-demand', launchable: true };
  }
  reportOn.reader.warn(
    reportOn.key,
    `the ${CAPACITY_TYPE_KEY} requirements allow no capacity type: the NodePool cannot launch nodes`,
  );
  return { capacityType: 'on-demand', launchable: false };
}

function architecture(
  requirements: readonly PoolRequirement[],
): Architecture | undefined {
  const allowed = allowedValues(requirements, ARCH_KEY, ['amd64', 'arm64']);
  return allowed?.size === 1 ? ([...allowed][0] as Architecture) : undefined;
}

/** Windows nodes need the requirement to name Windows alone; anything else launches Linux. */
function operatingSystem(
  requirements: readonly PoolRequirement[],
): OperatingSystem {
  const allowed = allowedValues(requirements, OS_KEY, ['linux', 'windows']);
  return allowed?.size === 1 && allowed.has('windows') ? 'windows' : 'linux';
}

function readLimits(
  spec: RecordReader | undefined,
): Record<string, string> | undefined {
  const limits = spec?.object('limits');
  if (!limits) return undefined;
  const result: Record<string, string> = {};
  for (const [resource, amount] of limits.entries()) {
    // A quantity may be written as a bare YAML number (`cpu: 1000`).
    if (typeof amount === 'string' || typeof amount === 'number') {
      result[resource] = String(amount);
    } else {
      limits.report(
        resource,
        `expected a quantity such as "1000" or "500Gi", got ${describeValue(amount)}`,
      );
    }
  }
  return result;
}

/** Karpenter v1 counts the pool's nodes in `status.nodes`; earlier releases only in `status.resources`. */
function nodeCount(status: RecordReader | undefined): number | undefined {
  return (
    status?.integer('nodes') ??
    status?.object('resources')?.integer('nodes', { decimalString: true })
  );
}

function readyState(status: RecordReader | undefined): string | undefined {
  const ready = status
    ?.objectArray('conditions')
    ?.find(condition => condition.get('type') === 'Ready');
  if (!ready) return undefined;
  const value = ready.get('status');
  if (value === 'True') return 'Ready';
  return value === 'False' ? 'NotReady' : 'Unknown';
}

/**
 * One Karpenter `NodePool` (karpenter.sh/v1 or v1beta1), including EKS Auto
 * Mode's built-in ones. A NodePool has no node count bounds (only resource
 * `limits`): autoscaling is on with no min/max, unless the NodePool can
 * launch nothing or is static (see `karpenterAutoscaling`). The cluster is not in the
 * object and comes from the context. Node labels come from the template; the
 * NodePool object's own labels are kept as its tags. Instance families and
 * categories stay in `requirements`: they are not machine types.
 */
export const parseKarpenterNodePool: ItemParser = (
  item: unknown,
  ctx: ExportContext,
): PoolSpec => {
  const r = RecordReader.forItem(item, 'a Karpenter NodePool');
  const metadata = r.object('metadata');
  const name = metadata ? metadata.requiredString('name') : '';
  if (!metadata) r.report('metadata.name', 'is required');
  if (!ctx.cluster) {
    r.report(
      'cluster',
      'a NodePool does not name its cluster: set `cluster` for this file in the source config',
    );
  }
  const spec = r.object('spec');
  const template = spec?.object('template');
  const templateSpec = template?.object('spec');
  const requirements = (templateSpec?.objectArray('requirements') ?? [])
    .map(readRequirement)
    .filter((req): req is PoolRequirement => req !== undefined);
  // startupTaints are removed once a node is initialized: pods need not tolerate them.
  const taints = templateSpec
    ? readTaintList(templateSpec, 'taints', KUBERNETES_EFFECTS)
    : [];
  const status = r.object('status');
  const limits = readLimits(spec);
  const replicas = spec?.integer('replicas');
  const capacity = capacityType(requirements, {
    reader: templateSpec ?? r,
    key: templateSpec ? 'requirements' : 'spec',
  });
  const pool: PoolSpec = {
    provider: 'karpenter',
    account: ctx.account,
    region: ctx.region,
    cluster: ctx.cluster ?? '',
    name,
    mode: modeFromTaints(taints),
    os: operatingSystem(requirements),
    arch: architecture(requirements),
    machineTypes: inValues(requirements, INSTANCE_TYPE_KEY),
    capacityType: capacity.capacityType,
    // A static NodePool's replicas is its desired count, like a node group's.
    nodeCount: replicas ?? nodeCount(status),
    autoscaling: karpenterAutoscaling({
      limits,
      replicas,
      launchable: capacity.launchable,
    }),
    labels: template?.object('metadata')?.stringMap('labels') ?? {},
    taints,
    zones: inValues(requirements, ZONE_KEY),
    state: readyState(status),
    tags: metadata?.stringMap('labels') ?? {},
    requirements,
    limits,
    // v1beta1 kept kubelet settings on the NodePool; v1 moved them to the NodeClass.
    maxPodsPerNode: templateSpec?.object('kubelet')?.integer('maxPods'),
    raw: item,
  };
  return completePool(r, pool, ctx);
};
