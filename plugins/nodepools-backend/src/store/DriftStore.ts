import type {
  PoolRestriction,
  DesiredCluster,
  DesiredNote,
  DesiredPool,
  DesiredScopeStatus,
  DriftAcknowledgement,
  DriftFinding,
  DriftFindingRecord,
  DriftPage,
  DriftQuery,
  DriftState,
  DriftSummary,
  NodePool,
  PoolDriftCount,
} from '@nodepools/plugin-nodepools-common';
import type { DesiredStateListing } from '@nodepools/plugin-nodepools-node';

/** What one run of one desired-state source produced. */
export interface DesiredSync {
  source: { id: string; kind: string; target: string };
  startedAt: string;
  finishedAt: string;
  /** `error` when the source could not enumerate its scopes. */
  outcome: { listings: DesiredStateListing[] } | { error: string };
}

export interface DesiredSyncSummary {
  /** Scopes whose declaration (or failure) changed: the comparison must run again. */
  changed: boolean;
  rowsWritten: number;
}

/** A scope's stored declaration, as the comparison reads it. */
export interface StoredDesiredScope {
  source: string;
  scope: string;
  location: string;
  pools: DesiredPool[];
  clusters: DesiredCluster[];
  notes: DesiredNote[];
  /** Why its last read (or its source's) failed: findings resting on it are stale. */
  error?: string;
}

/** A finding of one comparison, with what the store needs to keep it. */
export interface FindingInput {
  finding: DriftFinding;
  clusterRef: string;
  owner?: string;
  poolSource?: string;
  poolScope?: string;
  desiredSource?: string;
  desiredScope?: string;
}

/** One comparison's result, applied by `applyFindings`. */
export interface FindingsRun {
  at: string;
  findings: FindingInput[];
  /**
   * Whether an open finding that this run did not find rests on data that
   * could not be read (its pool's or its declaration's source failed): it
   * is kept as it was, not resolved.
   */
  isStale(row: { ref: string; desiredSource?: string; desiredScope?: string }): boolean;
}

/** What `applyFindings` wrote. */
export interface FindingsSummary {
  created: number;
  changed: number;
  reopened: number;
  resolved: number;
  unchanged: number;
  /** Open findings not found again but kept because their inputs are stale. */
  keptStale: number;
  rowsWritten: number;
}

/**
 * Desired state per source scope, drift findings and their counts over
 * time. The drift stage and the router only see this interface; the knex
 * implementation is `DatabaseDriftStore`, built by `createStores`.
 */
export interface DriftStore {
  /** The version of each scope's last complete read, for conditional re-reads. */
  desiredVersions(sourceId: string): Promise<Map<string, string>>;
  /** Stores one run of a desired-state source, writing only scopes that changed. */
  applyDesired(sync: DesiredSync): Promise<DesiredSyncSummary>;
  /** Forgets desired-state sources no longer configured; returns how many scopes went. */
  forgetDesiredSources(configuredIds: string[]): Promise<number>;
  /** Every stored declaration, with its staleness. */
  loadDesired(): Promise<StoredDesiredScope[]>;
  listDesiredScopes(): Promise<DesiredScopeStatus[]>;

  /** Every live pool with its observed nodes and freshness: the cloud side of the comparison. */
  loadInventory(): Promise<Array<NodePool & { scope: string }>>;
  /** Applies a comparison: new, changed, re-opened and resolved findings; nothing else is written. */
  applyFindings(run: FindingsRun): Promise<FindingsSummary>;

  listFindings(query: DriftQuery, now: Date): Promise<DriftPage>;
  poolFindings(ref: string, states: DriftState[], now: Date): Promise<DriftFindingRecord[]>;
  getFinding(id: string, now: Date): Promise<DriftFindingRecord | undefined>;
  /** Records an acknowledgement (and its audit row); undefined for an unknown id. */
  acknowledge(id: string, ack: DriftAcknowledgement, now: Date): Promise<DriftFindingRecord | undefined>;
  summary(now: Date, days: number): Promise<DriftSummary>;
  /** Open and acknowledged findings per pool, for the pool cards; of the pools `restrict` keeps when given. */
  poolCounts(now: Date, restrict?: PoolRestriction): Promise<PoolDriftCount[]>;
  /** Brings today's counts up to date; writes only when they changed. */
  recordDay(now: Date): Promise<number>;
}
