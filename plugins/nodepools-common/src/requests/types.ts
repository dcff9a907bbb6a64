import type { Resolution } from '../drift/types';
import type { Architecture, CapacityType, OperatingSystem, PoolMode, Taint } from '../model/pool';
import type { CostAtSize, PriceNote } from '../pricing/types';
import type { RequestKind } from './kinds';
import type { RequestAction, RequestState } from './stateMachine';

/**
 * What a team asks for: one new pool in one cluster of the inventory. The
 * same shape for every kind; `REQUEST_KIND_PROFILES` says which of the
 * optional fields a kind takes.
 */
export interface PoolRequestSpec {
  kind: RequestKind;
  /** The cluster's ref from the inventory: `provider/account/region/cluster`. */
  cluster: string;
  /** The pool's name in its cluster. */
  name: string;
  /** Instance types, VM sizes or droplet sizes; one for GKE, AKS and DOKS. */
  machineTypes: string[];
  /**
   * A fixed pool's node count, or the starting count within the autoscaler
   * range. GKE: the total over the pool's zones (a multiple of their number).
   */
  nodeCount?: number;
  /** The autoscaler's range. Karpenter: `max` only (min 0), rendered as spec.limits. */
  autoscaling?: { min: number; max: number };
  capacityType: CapacityType;
  os: OperatingSystem;
  /** Derived from the machine types when absent. */
  arch?: Architecture;
  labels: Record<string, string>;
  taints: Taint[];
  /** Zones the pool's nodes run in (GKE node locations, AKS zones, Karpenter zone requirement). */
  zones: string[];
  /** AKS only: a system pool runs the cluster's own pods. */
  mode?: PoolMode;
  maxPodsPerNode?: number;
  diskSizeGb?: number;
  /** AKS: the cluster's resource group; filled from the inventory when left out. */
  resourceGroup?: string;
  /** Karpenter: the node class the NodePool refers to (`default` when left out). */
  nodeClass?: string;
  /** The catalog group that will own the pool: `group:default/payments`. */
  owner: string;
  /** Why the pool is needed, for the approvers. */
  justification: string;
}

/** One request and where it stands. */
export interface PoolRequest {
  /** A UUID. */
  id: string;
  kind: RequestKind;
  spec: PoolRequestSpec;
  state: RequestState;
  /** The user entity ref of who created the request. */
  requester: string;
  /** Who approved or rejected it. */
  approver?: string;
  /** Increases with every change; transitions and edits carry the version they were made on. */
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  decidedAt?: string;
  /** When the inventory first showed the pool ready. */
  provisionedAt?: string;
  /** The pool of the inventory the request was linked to, once it appeared. */
  poolRef?: string;
  /** Why a request failed or expired. */
  stateReason?: string;
}

/** One transition, as the audit trail keeps it. */
export interface RequestAuditEntry {
  requestId: string;
  at: string;
  /** A user entity ref, or `system` for transitions the inventory makes. */
  actor: string;
  action: RequestAction;
  /** Absent for the creation of the request. */
  from?: RequestState;
  to: RequestState;
  comment?: string;
  /** The spec as it was when the transition was made. */
  spec: PoolRequestSpec;
}

export const VIOLATION_SEVERITIES = ['error', 'warning'] as const;
export type ViolationSeverity = (typeof VIOLATION_SEVERITIES)[number];

export const POLICY_RULES = [
  'cluster-known',
  'kind-matches-cluster',
  'name-pattern',
  'name-unique',
  'machine-type-known',
  'machine-type-allowed',
  'machine-family-allowed',
  'count-range',
  'per-zone-count',
  'max-nodes',
  'cost-quota',
  'cost-unknown',
  'spot-tainted',
  'specialised-tainted',
  'system-pool-size',
  'system-pool-zones',
  'owner-exists',
  'resource-group',
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

/** One policy check that a request does not pass. `field` is a path into the spec: `autoscaling.max`, `taints`. */
export interface Violation {
  field: string;
  rule: PolicyRule;
  severity: ViolationSeverity;
  message: string;
}

/** What a request will cost, and what its owner's pools will cost with it. USD. */
export interface RequestCost {
  known: boolean;
  /** One node, per month. */
  nodeMonthly?: number;
  /** At the fixed count or the autoscaler's minimum. */
  min?: CostAtSize;
  /** At the fixed count or the autoscaler's maximum. */
  max?: CostAtSize;
  /** The owner's live pools now (priced ones, at their current size). */
  ownerCurrentMonthly: number;
  /** The owner's pools plus this request at its maximum size; absent when this request has no price. */
  ownerAfterMonthly?: number;
  /** The owner's monthly quota, when one is configured. */
  ownerQuotaMonthly?: number;
  notes: PriceNote[];
}

export interface ValidationResult {
  /** True when no violation is an error: the request may be submitted and approved. */
  valid: boolean;
  violations: Violation[];
  cost: RequestCost;
}

/** The IaC and command that create the approved pool; every value quoted for its language. */
export interface RenderedRequest {
  /** The Terraform resource, in the attribute names the drift readers read. */
  terraform: Resolution;
  /** The cloud's CLI command (kubectl apply for Karpenter). */
  cli: Resolution;
  /** Karpenter: the NodePool manifest. */
  manifest?: Resolution;
  /** What the user must fill in (subnets, node role) or should know. */
  notes: string[];
}

/** A request with its trail and what the caller may do with it. */
export interface PoolRequestDetail extends PoolRequest {
  audit: RequestAuditEntry[];
  /** Groups whose members may approve (the cluster's owners or configured approvers). */
  approvers: string[];
  /** What the caller may do now, for the buttons of the request page. */
  allowed: RequestAction[];
  /** Present once the request is approved. */
  rendered?: RenderedRequest;
}
