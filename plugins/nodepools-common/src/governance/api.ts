import type {
  CostGroupBy,
  CostRollup,
  DailyOwnerRollup,
  GovernanceFindingRecord,
  GovernanceRuleId,
  GovernanceSeverity,
  OwnershipConfirmation,
  PoolGovernance,
} from './types';

export const FINDING_STATES = ['open', 'acknowledged', 'resolved', 'all'] as const;
/** `open`: holds and not acknowledged; `acknowledged`: holds, acknowledged and not expired. */
export type FindingState = (typeof FINDING_STATES)[number];

/** Query of `GET /findings` (and of `GET /export/findings.{csv,json}`). */
export interface FindingQuery {
  rule?: GovernanceRuleId[];
  severity?: GovernanceSeverity[];
  owner?: string[];
  /** Cluster refs. */
  cluster?: string[];
  /** Pool refs. */
  pool?: string[];
  /** Default `open`. */
  state?: FindingState;
  cursor?: string;
  limit?: number;
}

export interface FindingsPage {
  items: GovernanceFindingRecord[];
  totalCount: number;
  nextCursor?: string;
}

/** `GET /findings/summary`: open findings by rule and severity. */
export interface FindingsSummary {
  byRule: Partial<Record<GovernanceRuleId, number>>;
  bySeverity: Record<GovernanceSeverity, number>;
  open: number;
  acknowledged: number;
  evaluatedAt?: string;
}

/** Body of `POST /findings/:id/acknowledge`. */
export interface AcknowledgeFindingBody {
  reason: string;
  /** ISO time; absent means until the finding resolves. */
  expiresAt?: string;
}

/** Query of `GET /costs` (and `GET /export/costs.{csv,json}`). */
export interface CostQuery {
  /** Default `owner`. */
  groupBy?: CostGroupBy;
  owner?: string[];
  cluster?: string[];
  provider?: string[];
}

export interface CostsResponse {
  groupBy: CostGroupBy;
  items: CostRollup[];
  total: CostRollup;
  evaluatedAt?: string;
}

/** Query of `GET /governance/pools` (and `GET /export/pools.{csv,json}`). */
export interface GovernancePoolQuery {
  owner?: string[];
  cluster?: string[];
  provider?: string[];
}

export interface GovernancePoolsResponse {
  items: PoolGovernance[];
  evaluatedAt?: string;
}

/** One pool of the owner's review. */
export interface ReviewPool extends PoolGovernance {
  confirmation?: OwnershipConfirmation;
  /** No confirmation by this owner within the review period. */
  confirmationDue: boolean;
}

/** `GET /owners/:ref/review`. */
export interface OwnerReview {
  owner: string;
  /** The review period in days and when the current one started. */
  period: { days: number; since: string };
  pools: ReviewPool[];
  findings: GovernanceFindingRecord[];
  totals: CostRollup;
  /** Daily roll-ups of the owner, oldest first (the charts over time). */
  history: DailyOwnerRollup[];
  evaluatedAt?: string;
}

/** What `POST /owners/:ref/review/confirm` answers: the confirmations it recorded, one per pool. */
export interface ConfirmReviewResponse {
  items: OwnershipConfirmation[];
}

/** Body of `POST /owners/:ref/review/confirm`. */
export interface ConfirmReviewBody {
  pools: Array<{ ref: string; action: 'confirm' } | { ref: string; action: 'hand-over'; handTo: string }>;
}

/** One step of the staged upgrade: one pool at a time. */
export interface UpgradeStep {
  order: number;
  pool: PoolGovernance;
  /** `system-pool`, `single-pool-cluster`, `upgrade-in-progress`, `no-surge`... */
  flags: string[];
}

/** `GET /upgrades?cluster=&owner=`. */
export interface UpgradePlan {
  steps: UpgradeStep[];
  evaluatedAt?: string;
}

export const GOVERNANCE_EXPORT_KINDS = ['pools', 'findings', 'costs'] as const;
export type GovernanceExportKind = (typeof GOVERNANCE_EXPORT_KINDS)[number];
export const GOVERNANCE_EXPORT_FORMATS = ['csv', 'json'] as const;
export type GovernanceExportFormat = (typeof GOVERNANCE_EXPORT_FORMATS)[number];
