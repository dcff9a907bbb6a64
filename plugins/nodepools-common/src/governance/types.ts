import type { NodePool, ResourceAmounts } from '../model/pool';
import type { PoolWorkloads } from '../workloads/types';
import type { IdleHeadroom } from '../pricing/idle';
import type { PoolCost } from '../pricing/types';

/**
 * The governance rules, one module each under `rules/`. A rule looks at the
 * fleet as the store last saw it and names the pools (or clusters) that make
 * one of the well-known pool mistakes.
 */
export const GOVERNANCE_RULES = [
  'no-owner',
  'unknown-owner',
  'spot-without-taint',
  'specialised-without-taint',
  'specialised-without-limit',
  'single-system-pool',
  'system-pool-too-small',
  'system-pool-single-zone',
  'mixed-workloads',
  'autoscaling-off',
  'fixed-size',
  'version-skew',
  'end-of-support',
  'stale-source',
  'open-drift',
  'unschedulable-pods',
  'ip-exhaustion',
  'unconfirmed-ownership',
] as const;
export type GovernanceRuleId = (typeof GOVERNANCE_RULES)[number];

export const GOVERNANCE_SEVERITIES = ['high', 'medium', 'low'] as const;
export type GovernanceSeverity = (typeof GOVERNANCE_SEVERITIES)[number];

/** What a finding is about: one pool, or a whole cluster (its cluster ref). */
export type FindingSubject = { kind: 'pool'; ref: string } | { kind: 'cluster'; ref: string };

/** One finding as a rule produces it: no bookkeeping. */
export interface GovernanceFinding {
  /** Stable across evaluations: rule + subject ref (see `governanceFindingId`). */
  id: string;
  rule: GovernanceRuleId;
  severity: GovernanceSeverity;
  subject: FindingSubject;
  /** The cluster ref of the subject. */
  clusterRef: string;
  /** Owner entity ref of the pool (or of the cluster's pools when all share one); absent when none. */
  owner?: string;
  /** One sentence a person reads. */
  message: string;
  /** The numbers behind the message (node counts, versions, dates...). */
  details: Record<string, string | number | boolean>;
  /** What to do about it. */
  fix: string;
}

/** An acknowledgement: the finding is known and accepted until `expiresAt`. */
export interface GovernanceAcknowledgement {
  by: string;
  at: string;
  reason: string;
  expiresAt?: string;
}

/** A finding as the store keeps it and `GET /findings` lists it. */
export interface GovernanceFindingRecord extends GovernanceFinding {
  firstSeenAt: string;
  lastChangedAt: string;
  /** Set while the finding no longer holds; cleared when it holds again. */
  resolvedAt?: string;
  /** The latest acknowledgement while it has not expired. */
  acknowledgement?: GovernanceAcknowledgement;
}

/** Resource usage of a pool's nodes as `metrics.k8s.io` reports it (`kubectl top nodes`). */
export interface PoolUsage {
  /** Cores and bytes in use now, summed over the pool's nodes. */
  used: Pick<ResourceAmounts, 'cpu' | 'memory'>;
  /** Highest requested cpu and memory over the kept window (daily roll-ups). */
  peakRequested?: Pick<ResourceAmounts, 'cpu' | 'memory'>;
  observedAt: string;
}

/** Free pod addresses of an EKS pool's subnets (`DescribeSubnets`). */
export interface SubnetHeadroom {
  subnets: Array<{ id: string; availableIps: number; cidr?: string }>;
  observedAt: string;
}

/** A cluster's unschedulable pods from its latest triage report. */
export interface ClusterUnschedulable {
  /** Pods that no pool can take, even after scale-up. */
  pods: number;
  /** Up to five `namespace/name`. */
  examples: string[];
  analyzedAt: string;
}

/** The latest confirmation (or hand-over) of one pool's owner. */
export interface OwnershipConfirmation {
  poolRef: string;
  owner: string;
  by: string;
  at: string;
  /** Set when the pool was handed to another group. */
  handedTo?: string;
}

/** One pool with everything the rules, the cost roll-up and the review read. */
export interface GovernancePool {
  pool: NodePool;
  workloads?: PoolWorkloads;
  usage?: PoolUsage;
  subnets?: SubnetHeadroom;
  /** Open, unacknowledged drift findings of the pool. */
  openDrift: number;
  /** Days since a workload pod (not in a system namespace) was last seen on the pool; undefined when unknown. */
  daysWithoutWorkloads?: number;
  /** Hourly price of one node from real costs (OpenCost) instead of list prices. */
  realNodeHourly?: number;
}

/** Everything one evaluation of the fleet reads. */
export interface GovernanceInput {
  now: Date;
  pools: GovernancePool[];
  /** By cluster ref. */
  unschedulable: ReadonlyMap<string, ClusterUnschedulable>;
  /** By pool ref. */
  confirmations: ReadonlyMap<string, OwnershipConfirmation>;
  options: GovernanceOptions;
}

export interface GovernanceOptions {
  /** Days an ownership confirmation counts (the review period, default 90). */
  reviewPeriodDays: number;
  /** Days without workload pods before a pool is suggested for retirement (default 14). */
  retireAfterDays: number;
  /** Below this many free pod addresses (pool's nodes plus subnets), `ip-exhaustion` (default 0.1 = 10 % left). */
  ipHeadroomRatio: number;
  /** Rules switched off by config. */
  disabledRules: readonly GovernanceRuleId[];
}

export const DEFAULT_GOVERNANCE_OPTIONS: GovernanceOptions = {
  reviewPeriodDays: 90,
  retireAfterDays: 14,
  ipHeadroomRatio: 0.1,
  disabledRules: [],
};

/** Requested, allocatable and used cpu (cores) and memory (bytes) of a pool or group. */
export interface CapacityFigures {
  nodes: number;
  requested: Pick<ResourceAmounts, 'cpu' | 'memory'>;
  allocatable: Pick<ResourceAmounts, 'cpu' | 'memory'>;
  used?: Pick<ResourceAmounts, 'cpu' | 'memory'>;
}

export const SUGGESTION_KINDS = ['right-size', 'enable-autoscaling', 'widen-autoscaling', 'split', 'retire'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** A change to a pool with the numbers behind it. */
export interface PoolSuggestion {
  kind: SuggestionKind;
  message: string;
  /** Monthly saving when the suggestion is followed; absent when it does not save (or is unknown). */
  monthlySaving?: number;
  details: Record<string, string | number | boolean>;
}

/** Pod addresses of one pool (see the provider profile's pod IP model). */
export interface IpHeadroom {
  maxPodsPerNode?: number;
  /** With prefix delegation, where the network has it and the machine can use it. */
  maxPodsPerNodeWithPrefixes?: number;
  podsRunning?: number;
  /** Pods the pool's current nodes hold at most (allocatable pods, else max pods x nodes). */
  podCapacity?: number;
  /** Pods the pool's current nodes can still take. */
  podSlotsFree?: number;
  /** Free addresses of the pool's subnets (EKS). */
  subnetIpsFree?: number;
  /** How many more pods the pool can take before it runs out of addresses: the lower of the two above. */
  podsBeforeExhaustion?: number;
  /** True when prefix delegation would let the pool's nodes hold more pods. */
  prefixDelegationHelps: boolean;
}

/** Where a pool stands for an upgrade. */
export interface UpgradePosture {
  kubernetesVersion?: string;
  nodeImageVersion?: string;
  controlPlaneVersion?: string;
  /** Minor versions the nodes are behind the control plane. */
  minorSkew?: number;
  /** Some node runs a newer minor than the control plane (outside the skew policy). */
  nodesNewerThanControlPlane?: boolean;
  /** The provider says it is upgrading, nodes are cordoned, or kubelets differ. */
  upgradeInProgress: boolean;
  upgradeSignals: string[];
  /** Surge settings as the provider spells them (`maxSurge: 33%`, `maxUnavailable: 1`). */
  surge?: Record<string, string | number>;
  /** End of the provider's standard support of the pool's minor version, when cited. */
  endOfSupport?: string;
}

/** One pool's row in the governance views: cost, capacity, suggestions, posture, IPs. */
export interface PoolGovernance {
  ref: string;
  name: string;
  cluster: string;
  clusterRef: string;
  provider: string;
  owner?: string;
  mode: NodePool['mode'];
  capacity: CapacityFigures;
  cost: PoolCost;
  idle?: IdleHeadroom;
  /** `list-price` unless real costs came from OpenCost. */
  costSource: 'list-price' | 'opencost';
  suggestions: PoolSuggestion[];
  upgrade: UpgradePosture;
  ip: IpHeadroom;
  findings: number;
}

/** The result of one evaluation. */
export interface GovernanceEvaluation {
  findings: GovernanceFinding[];
  pools: PoolGovernance[];
}

export const COST_GROUP_BY = ['owner', 'cluster', 'provider'] as const;
export type CostGroupBy = (typeof COST_GROUP_BY)[number];

/** One row of `GET /costs`. */
export interface CostRollup {
  key: string;
  pools: number;
  capacity: CapacityFigures;
  monthlyCost: number;
  idleMonthly: number;
  /** True when any figure is an estimate, or a pool has no price. */
  estimated: boolean;
  unpricedPools: number;
}

/** A day's roll-up of one owner, kept for the charts over time. */
export interface DailyOwnerRollup {
  day: string;
  owner: string;
  pools: number;
  nodes: number;
  monthlyCost: number;
  idleMonthly: number;
  requestedCpu: number;
  allocatableCpu: number;
  requestedMemory: number;
  allocatableMemory: number;
}
