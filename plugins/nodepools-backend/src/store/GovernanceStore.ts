import type {
  CostGroupBy,
  DailyOwnerRollup,
  FindingQuery,
  FindingsPage,
  FindingsSummary,
  GovernanceAcknowledgement,
  GovernanceFinding,
  GovernanceFindingRecord,
  GovernancePoolQuery,
  GovernanceRuleId,
  NodePoolDetail,
  OwnershipConfirmation,
  PoolGovernance,
  PoolRestriction,
  PoolWorkloads,
} from '@nodepools/plugin-nodepools-common';

/** A live pool as an evaluation reads it: the pool, its workloads, when workloads were last seen. */
export interface GovernanceInventoryPool {
  /** With its raw record, where the surge settings are. */
  pool: NodePoolDetail;
  workloads?: PoolWorkloads;
  /** When workload pods were last seen on it (stored by the previous evaluation); absent while they run or when never evaluated. */
  lastWorkloadAt?: string;
}

/** A pool's document as an evaluation made it, with when workloads were last seen (null while they run). */
export interface EvaluatedPool {
  document: PoolGovernance;
  lastWorkloadAt: string | null;
}

/** One evaluation's result, applied by `applyEvaluation`. */
export interface GovernanceRun {
  at: string;
  findings: GovernanceFinding[];
  pools: EvaluatedPool[];
  /** The owners' roll-ups of `at`'s day; left alone when absent. */
  daily?: DailyOwnerRollup[];
  /**
   * Set when only some rules were evaluated again for some pools (after an
   * owner's review): only those rules' findings about those pools are
   * replaced; documents, roll-ups and every other finding are left as
   * they are.
   */
  only?: { refs: string[]; rules: GovernanceRuleId[] };
}

/** What `applyEvaluation` did; `rowsWritten` counts finding, pool and roll-up rows. */
export interface GovernanceApplySummary {
  created: number;
  changed: number;
  reopened: number;
  resolved: number;
  unchanged: number;
  poolsWritten: number;
  poolsRemoved: number;
  dailyWritten: number;
  rowsWritten: number;
}

/** A query of the stored pool documents, with the caller's restriction. */
export type PoolDocumentQuery = GovernancePoolQuery & { restrict?: PoolRestriction };

/** A confirmation or hand-over to record. */
export type ConfirmationInput = Omit<OwnershipConfirmation, 'handedTo'> & { handedTo?: string };

/**
 * Governance findings with their life, pool documents, confirmations,
 * daily roll-ups and reminders. The governance stage and the router only
 * see this interface; the knex implementation is `DatabaseGovernanceStore`.
 */
export interface GovernanceStore {
  /** Every live pool with its observed nodes, freshness, owner status and workloads. */
  loadPools(): Promise<GovernanceInventoryPool[]>;
  /** Only these live pools (a review's re-evaluation). */
  loadPoolsByRef(refs: string[]): Promise<GovernanceInventoryPool[]>;
  /** The latest confirmation of each pool, by pool ref. */
  latestConfirmations(refs?: string[]): Promise<Map<string, OwnershipConfirmation>>;
  /** Applies an evaluation: writes only what changed. */
  applyEvaluation(run: GovernanceRun): Promise<GovernanceApplySummary>;
  evaluatedAt(): Promise<string | undefined>;

  listFindings(query: FindingQuery & { restrict?: PoolRestriction }, now: Date): Promise<FindingsPage>;
  /** Every finding the query keeps, unpaged (exports and reviews). */
  allFindings(query: FindingQuery & { restrict?: PoolRestriction }, now: Date): Promise<GovernanceFindingRecord[]>;
  summary(restrict: PoolRestriction | undefined, now: Date): Promise<FindingsSummary>;
  getFinding(id: string, now: Date): Promise<GovernanceFindingRecord | undefined>;
  /** Records an acknowledgement (and its audit row); undefined for an unknown id. */
  acknowledge(id: string, ack: GovernanceAcknowledgement, now: Date): Promise<GovernanceFindingRecord | undefined>;

  /** Stored pool documents the query keeps, ordered by ref. */
  listPoolDocuments(query: PoolDocumentQuery): Promise<PoolGovernance[]>;
  /**
   * The same pools' documents cut to what `rollupCosts` reads (grouping
   * keys, capacity, current and idle cost), in no order: the cost views.
   */
  listCostDocuments(query: PoolDocumentQuery): Promise<PoolGovernance[]>;
  /** Live pools per cluster ref, of these clusters. */
  clusterPoolCounts(clusterRefs: string[]): Promise<Map<string, number>>;
  /** Records confirmations and hand-overs (append-only). */
  confirm(entries: ConfirmationInput[]): Promise<void>;
  /** The new owner of each pool's latest hand-over, by pool ref. */
  handedOverOwners(): Promise<Map<string, string>>;
  /** An owner's daily roll-ups from `sinceDay` on, oldest first. */
  ownerHistory(owner: string, sinceDay: string): Promise<DailyOwnerRollup[]>;

  /** When each owner was last reminded of its review. */
  remindersSent(): Promise<Map<string, string>>;
  recordReminder(owner: string, at: string, pools: number): Promise<void>;
}

/** The default grouping of `GET /costs`. */
export const DEFAULT_COST_GROUP_BY: CostGroupBy = 'owner';
