import type { PoolRestriction } from '../permissions/poolConditions';
import type { DriftCause, DriftFinding, DriftSeverity } from './types';

/**
 * Where a finding stands: `open` until acknowledged or resolved;
 * `acknowledged` while an acknowledgement holds (an expired one re-opens
 * it); `resolved` once a comparison no longer finds it.
 */
export const DRIFT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type DriftState = (typeof DRIFT_STATES)[number];

/** Who acknowledged a finding, when, why, and until when. */
export interface DriftAcknowledgement {
  /** The user's entity ref (or the service's subject). */
  by: string;
  at: string;
  reason: string;
  /** When the acknowledgement lapses and the finding re-opens; none means until resolved. */
  until?: string;
}

/** A finding as the backend keeps it: the comparison's finding plus its life. */
export interface DriftFindingRecord extends DriftFinding {
  /** The cluster ref (`provider/account/region/cluster`) of the finding's pool. */
  clusterRef: string;
  /** The pool's owner, when the inventory knows it. */
  owner?: string;
  state: DriftState;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  /** The acknowledgement in force, or the last one (expired) of a re-opened finding. */
  acknowledgement?: DriftAcknowledgement;
  /**
   * True when the finding rests on data that could not be read last time
   * (its desired-state source, or its pool's source, failed): it is kept
   * as it was, neither resolved nor changed.
   */
  stale: boolean;
  staleReason?: string;
}

/** Query of `GET /drift`: filters are OR within a parameter, AND across them. */
export interface DriftQuery {
  /** Cluster refs, or bare cluster names. */
  cluster?: string[];
  owner?: string[];
  severity?: DriftSeverity[];
  /** Default: open and acknowledged. */
  state?: DriftState[];
  cause?: DriftCause[];
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
  /** Only findings of the pools this keeps: the backend sets it from the caller's permissions. */
  restrict?: PoolRestriction;
}

export interface DriftPage {
  items: DriftFindingRecord[];
  totalCount: number;
  nextCursor?: string;
}

/** `POST /drift/:id/acknowledge`. */
export interface DriftAcknowledgeRequest {
  reason: string;
  /** ISO date or date-time in the future. */
  until?: string;
}

/** Counts of one group (a cause, an owner, a cluster ref). */
export interface DriftGroupCount {
  key: string;
  open: number;
  acknowledged: number;
}

/** One day of the drift history: the findings open and acknowledged at its end, and those seen and resolved that day. */
export interface DriftDayCount {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  open: number;
  acknowledged: number;
  opened: number;
  resolved: number;
}

/** `GET /drift/summary`. */
export interface DriftSummary {
  open: number;
  acknowledged: number;
  stale: number;
  bySeverity: DriftGroupCount[];
  byCause: DriftGroupCount[];
  byOwner: DriftGroupCount[];
  byCluster: DriftGroupCount[];
  /** Oldest day first. */
  overTime: DriftDayCount[];
  /** When the comparison last ran. */
  comparedAt?: string;
}

/** Open and acknowledged findings of one pool, for its card. */
export interface PoolDriftCount {
  ref: string;
  open: number;
  acknowledged: number;
  /** The worst severity among the open findings. */
  worstSeverity?: DriftSeverity;
}

export interface PoolDriftCountsResponse {
  items: PoolDriftCount[];
}

/** The last read of one scope of a desired-state source, for the drift page. */
export interface DesiredScopeStatus {
  source: string;
  scope: string;
  /** The file path or URL read. */
  location: string;
  pools: number;
  readAt?: string;
  /** Why the last read failed; the pools of the last good read are used. */
  error?: string;
}

export interface DesiredScopesResponse {
  items: DesiredScopeStatus[];
}
