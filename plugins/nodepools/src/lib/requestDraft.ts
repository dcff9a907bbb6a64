import {
  clusterOfPool,
  clusterRef,
  REQUEST_KIND_PROFILES,
  requestKindOf,
  type Architecture,
  type CapacityType,
  type NodePool,
  type OperatingSystem,
  type PoolMode,
  type PoolRequestSpec,
  type PoolRequestSpecInput,
  type RequestKind,
  type SuggestedPool,
  type Taint,
} from '@nodepools/plugin-nodepools-common';

/**
 * What the request form holds while it is written: the spec's fields, with
 * numbers that may still be empty and the choice between a fixed count and
 * an autoscaler range. `draftToSpec` turns it into the body the API reads.
 */
export interface RequestDraft {
  kind: RequestKind;
  cluster: string;
  name: string;
  machineTypes: string[];
  sizing: 'fixed' | 'autoscaled';
  nodeCount?: number;
  min?: number;
  max?: number;
  capacityType: CapacityType;
  os: OperatingSystem;
  arch?: Architecture;
  labels: Record<string, string>;
  taints: Taint[];
  zones: string[];
  mode?: PoolMode;
  maxPodsPerNode?: number;
  diskSizeGb?: number;
  resourceGroup?: string;
  nodeClass?: string;
  owner: string;
  justification: string;
}

export function emptyDraft(kind: RequestKind = 'eks-managed-node-group'): RequestDraft {
  const profile = REQUEST_KIND_PROFILES[kind];
  return {
    kind,
    cluster: '',
    name: '',
    machineTypes: [],
    sizing: 'autoscaled',
    min: profile.autoscalerMin ? 1 : 0,
    max: 3,
    capacityType: 'on-demand',
    os: 'linux',
    labels: {},
    taints: [],
    zones: [],
    ...(profile.fields.includes('mode') ? { mode: 'user' as const } : {}),
    owner: '',
    justification: '',
  };
}

/** The draft moved to another kind: fields the new kind does not take are dropped. */
export function withKind(draft: RequestDraft, kind: RequestKind): RequestDraft {
  const profile = REQUEST_KIND_PROFILES[kind];
  const next: RequestDraft = { ...emptyDraft(kind), ...draft, kind };
  if (!profile.fixedCount) next.sizing = 'autoscaled';
  if (!profile.autoscalerMin) next.min = 0;
  if (!profile.capacityTypes.includes(next.capacityType)) next.capacityType = profile.capacityTypes[0];
  if (!profile.windows) next.os = 'linux';
  if (next.machineTypes.length > profile.machineTypes.max) {
    next.machineTypes = next.machineTypes.slice(0, profile.machineTypes.max);
  }
  if (!profile.fields.includes('mode')) delete next.mode;
  else next.mode = next.mode ?? 'user';
  if (!profile.fields.includes('zones')) next.zones = [];
  for (const field of ['maxPodsPerNode', 'diskSizeGb', 'resourceGroup', 'nodeClass'] as const) {
    if (!profile.fields.includes(field)) delete next[field];
  }
  return next;
}

/** The spec the API reads: only the fields the kind takes, empty optional ones left out. */
export function draftToSpec(draft: RequestDraft): PoolRequestSpecInput {
  const profile = REQUEST_KIND_PROFILES[draft.kind];
  const fixed = profile.fixedCount && draft.sizing === 'fixed';
  const spec: PoolRequestSpecInput = {
    kind: draft.kind,
    cluster: draft.cluster,
    name: draft.name,
    machineTypes: draft.machineTypes,
    capacityType: draft.capacityType,
    os: draft.os,
    labels: draft.labels,
    taints: draft.taints,
    owner: draft.owner,
    justification: draft.justification,
  };
  if (fixed) {
    if (draft.nodeCount !== undefined) spec.nodeCount = draft.nodeCount;
  } else {
    spec.autoscaling = { min: profile.autoscalerMin ? draft.min ?? 0 : 0, max: draft.max ?? 0 };
  }
  if (draft.arch) spec.arch = draft.arch;
  if (profile.fields.includes('zones')) spec.zones = draft.zones;
  for (const field of ['mode', 'maxPodsPerNode', 'diskSizeGb', 'resourceGroup', 'nodeClass'] as const) {
    const value = draft[field];
    if (profile.fields.includes(field) && value !== undefined && value !== '') {
      (spec as Record<string, unknown>)[field] = value;
    }
  }
  return spec;
}

/** A stored spec back into the form, e.g. to edit a draft. */
export function specToDraft(spec: PoolRequestSpec): RequestDraft {
  const { autoscaling, nodeCount, ...rest } = spec;
  return {
    ...emptyDraft(spec.kind),
    ...rest,
    sizing: autoscaling ? 'autoscaled' : 'fixed',
    nodeCount,
    min: autoscaling?.min,
    max: autoscaling?.max,
  };
}

/** Labels the cloud or Kubernetes sets on every node itself; a new pool must not copy them. */
const MANAGED_LABEL_PREFIXES = [
  'eks.amazonaws.com/',
  'karpenter.sh/',
  'karpenter.k8s.aws/',
  'cloud.google.com/',
  'kubernetes.azure.com/',
  'doks.digitalocean.com/',
  'kubernetes.io/',
  'node.kubernetes.io/',
  'topology.kubernetes.io/',
  'beta.kubernetes.io/',
];

function ownLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).filter(([key]) => !MANAGED_LABEL_PREFIXES.some(p => key.startsWith(p))),
  );
}

function ownTaints(taints: Taint[]): Taint[] {
  return taints.filter(t => !MANAGED_LABEL_PREFIXES.some(p => t.key.startsWith(p)));
}

/** "Clone": a new pool shaped like an existing one, in its cluster, under a new name. */
export function draftFromPool(pool: NodePool): RequestDraft | undefined {
  const kind = requestKindOf(pool.provider);
  if (!kind) return undefined;
  const profile = REQUEST_KIND_PROFILES[kind];
  const draft = emptyDraft(kind);
  const autoscaled = pool.autoscaling.enabled || !profile.fixedCount;
  return withKind(
    {
      ...draft,
      cluster: clusterRef(clusterOfPool(pool)),
      name: `${pool.name}-2`,
      machineTypes: pool.machineTypes.slice(0, profile.machineTypes.max),
      sizing: autoscaled ? 'autoscaled' : 'fixed',
      nodeCount: autoscaled ? undefined : pool.nodeCount,
      min: pool.autoscaling.min ?? draft.min,
      max: pool.autoscaling.max ?? pool.nodeCount ?? draft.max,
      capacityType: pool.capacityType ?? draft.capacityType,
      os: pool.os ?? draft.os,
      arch: pool.arch,
      labels: ownLabels(pool.labels),
      taints: ownTaints(pool.taints),
      zones: pool.zones,
      ...(pool.mode ? { mode: pool.mode } : {}),
      ...(pool.maxPodsPerNode ? { maxPodsPerNode: pool.maxPodsPerNode } : {}),
      ...(pool.diskSizeGb ? { diskSizeGb: pool.diskSizeGb } : {}),
      owner: pool.owner ?? '',
    },
    kind,
  );
}

/** "Request a pool like this": the new pool a triage fix suggests, in the triaged cluster. */
export function draftFromSuggestion(suggestion: SuggestedPool, cluster?: string): RequestDraft | undefined {
  const provider = suggestion.provider ?? (cluster ? cluster.split('/')[0] : undefined);
  const kind = provider ? requestKindOf(provider as NodePool['provider']) : undefined;
  if (!kind) return undefined;
  return withKind(
    {
      ...emptyDraft(kind),
      cluster: cluster && cluster.split('/')[0] === provider ? cluster : '',
      machineTypes: suggestion.machineType ? [suggestion.machineType] : [],
      ...(suggestion.os === 'linux' || suggestion.os === 'windows' ? { os: suggestion.os } : {}),
      ...(suggestion.arch === 'amd64' || suggestion.arch === 'arm64' ? { arch: suggestion.arch } : {}),
      labels: ownLabels(suggestion.labels),
      taints: ownTaints(suggestion.taints),
      zones: suggestion.zones,
    },
    kind,
  );
}
