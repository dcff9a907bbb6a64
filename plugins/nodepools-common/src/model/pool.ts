import type { OwnerStatus } from './owner';

/**
 * The one normalized node pool model shared by the backend, the frontend and
 * the command line. Every cloud's own record is mapped onto this shape by the
 * parsers; nothing else in the project knows a provider's field names.
 */

/** Where a pool is defined. `kubernetes` pools are seen only through their nodes. */
export const PROVIDERS = [
  'eks',
  'karpenter',
  'gke',
  'aks',
  'doks',
  'kubernetes',
] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Kubernetes' own spelling; every provider spelling is normalized to it. */
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

export interface Taint {
  key: string;
  /** Absent when the taint has no value (`key:NoSchedule`). */
  value?: string;
  effect: TaintEffect;
}

export const POOL_MODES = ['system', 'user'] as const;
export type PoolMode = (typeof POOL_MODES)[number];

export const OPERATING_SYSTEMS = ['linux', 'windows'] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

export const ARCHITECTURES = ['amd64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/**
 * `mixed` is a Karpenter NodePool that allows both spot and on-demand;
 * `capacity-block` is an EKS node group on reserved ML capacity blocks.
 */
export const CAPACITY_TYPES = [
  'on-demand',
  'spot',
  'mixed',
  'capacity-block',
] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];

/**
 * The same on every cloud: `enabled` is true when the cloud says an
 * autoscaler manages the pool (EKS: every managed node group; GKE:
 * `autoscaling.enabled`; AKS: `enableAutoScaling`; DOKS: `auto_scale`;
 * Karpenter: unless static or limited to nothing), whatever the bounds are.
 * A range of one size is `isFixedSize`, not autoscaling off.
 */
export interface Autoscaling {
  enabled: boolean;
  /** Node count bounds while enabled; absent when unknown or the provider has none (Karpenter). */
  min?: number;
  max?: number;
}

/**
 * Whether the pool keeps its node count: no autoscaler manages it, or its
 * range allows one size only (min == max).
 */
export function isFixedSize(autoscaling: Autoscaling): boolean {
  return (
    !autoscaling.enabled ||
    (autoscaling.min !== undefined && autoscaling.min === autoscaling.max)
  );
}

/** A node selector requirement, as in a Karpenter NodePool's template. */
export interface PoolRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

export const OWNER_SOURCES = [
  'tag',
  'label',
  'config',
  'request',
  'catalog',
] as const;
export type OwnerSource = (typeof OWNER_SOURCES)[number];

/** Resource amounts in base units: cpu in cores, memory in bytes. */
export interface ResourceAmounts {
  cpu?: number;
  memory?: number;
  pods?: number;
  [extended: string]: number | undefined;
}

/**
 * One label (`key`, `value`) or taint (`key`, `value`, `effect`) as the
 * pool's nodes carry it: how many do, and a few that do and that do not,
 * by node name.
 */
export interface ObservedMark {
  key: string;
  value?: string;
  effect?: TaintEffect;
  /** Nodes that carry it. */
  nodes: number;
  /** Up to three nodes that carry it. */
  carriedBy: string[];
  /** Up to three nodes that lack it. */
  missingFrom: string[];
}

/** What the cluster itself reports about the pool's nodes. */
export interface ObservedNodes {
  nodeCount: number;
  readyCount: number;
  kubeletVersions: string[];
  osImages: string[];
  zones: string[];
  allocatable: ResourceAmounts;
  requested: ResourceAmounts;
  observedAt: string;
  /** The control plane's version (the cluster's `/version`) when the nodes were read. */
  controlPlaneVersion?: string;
  /**
   * The labels the nodes carry, those Kubernetes and the clouds set on every
   * node (hostname, zone, instance type, the clouds' own prefixes) left out.
   */
  labels?: ObservedMark[];
  /** The taints the nodes carry, those the control plane and autoscalers come and go with left out. */
  taints?: ObservedMark[];
}

/**
 * A pool as a parser produces it from one provider record: the desired and
 * reported configuration, no bookkeeping.
 */
export interface PoolSpec {
  provider: Provider;
  /** AWS account id, GCP project, Azure subscription id or DigitalOcean team. */
  account?: string;
  region?: string;
  cluster: string;
  name: string;
  mode: PoolMode;
  os: OperatingSystem;
  arch?: Architecture;
  machineTypes: string[];
  capacityType: CapacityType;
  /** The provider's desired/current node count. */
  nodeCount?: number;
  autoscaling: Autoscaling;
  labels: Record<string, string>;
  taints: Taint[];
  zones: string[];
  kubernetesVersion?: string;
  nodeImageVersion?: string;
  /** The provider's own provisioning state, as it spells it (ACTIVE, Succeeded, RUNNING...). */
  state?: string;
  tags: Record<string, string>;
  /** Karpenter-style scheduling requirements beyond labels. */
  requirements?: PoolRequirement[];
  /** Karpenter `spec.limits` (e.g. cpu, memory) as written. */
  limits?: Record<string, string>;
  maxPodsPerNode?: number;
  diskSizeGb?: number;
  /** The provider's record this pool was read from, unchanged. */
  raw: unknown;
}

/** A pool as the store keeps it and the API returns it. */
export interface NodePool extends Omit<PoolSpec, 'raw'> {
  /** Stable id: provider/account/region/cluster/name, `-` for an unknown part. */
  ref: string;
  owner?: string;
  ownerSource?: OwnerSource;
  /** Whether the catalog knows the owner as a Group or User (see `OwnerStatus`). */
  ownerStatus?: OwnerStatus;
  observed?: ObservedNodes;
  /** Id of the source that last reported the pool. */
  source: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** True when the pool's source failed its last sync: the data may be old. */
  stale: boolean;
  staleReason?: string;
  /** Set when a complete listing of its scope no longer had the pool. */
  tombstonedAt?: string;
}

/** A pool with the provider record it came from (the pool page). */
export interface NodePoolDetail extends NodePool {
  /** Absent when the caller may not read raw records (`nodepool.raw.read`). */
  raw?: unknown;
}

const UNKNOWN_PART = '-';

/** The stable id of a pool. Parts are joined with `/`; callers URL-encode it. */
export function poolRef(p: {
  provider: Provider;
  account?: string;
  region?: string;
  cluster: string;
  name: string;
}): string {
  return [p.provider, p.account, p.region, p.cluster, p.name]
    .map(part => (part === undefined || part === '' ? UNKNOWN_PART : part))
    .join('/');
}

/** Formats a taint as kubectl prints it: `key=value:Effect`. */
export function formatTaint(t: Taint): string {
  return `${t.key}${t.value !== undefined && t.value !== '' ? `=${t.value}` : ''}:${t.effect}`;
}
