/** One field of a pool that changed between two syncs. */
export interface FieldChange {
  /** Dotted path in the NodePool shape, e.g. `autoscaling.max` or `labels.team`. */
  field: string;
  before?: unknown;
  after?: unknown;
}

export const HISTORY_EVENTS = [
  'created',
  'updated',
  'tombstoned',
  'revived',
] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** An append-only record of what changed on a pool, and which source saw it. */
export interface PoolHistoryEntry {
  id: number;
  ref: string;
  event: HistoryEvent;
  source: string;
  at: string;
  changes: FieldChange[];
}
