/**
 * A problem with one item of an import or a cloud answer. `file`, `index` and
 * `field` say exactly where, so the user can fix it.
 */
export interface ImportIssue {
  file?: string;
  /** Zero-based position of the item in the file or response. */
  index?: number;
  /** Dotted path of the offending field in the provider's record. */
  field?: string;
  message: string;
  /**
   * `warning`: the item was imported, but a field was read leniently (an
   * identifier or a value the parser does not know) and is kept only in the
   * raw record. Absent: an error that kept the item out.
   */
  severity?: 'warning';
}

/** Renders an issue as one readable line: `file: item 2: field 'x': message`. */
export function formatImportIssue(issue: ImportIssue): string {
  const where = [
    issue.file,
    issue.index !== undefined ? `item ${issue.index}` : undefined,
    issue.field ? `field '${issue.field}'` : undefined,
  ].filter(Boolean);
  const text = where.length
    ? `${where.join(': ')}: ${issue.message}`
    : issue.message;
  return issue.severity === 'warning' ? `warning: ${text}` : text;
}

export const SOURCE_STATUSES = ['never', 'ok', 'partial', 'error', 'removed'] as const;
/**
 * `partial`: some scopes (files, clusters) failed; their pools are kept and
 * marked stale while the others were updated. `removed`: the source is no
 * longer configured; its pools are tombstoned at `tombstoneAt`.
 */
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/**
 * The last run of one shard of a source whose scopes are shared out between
 * several scheduled tasks (`shards` in its config).
 */
export interface SourceShardInfo {
  /** `2/3`: the second of three. */
  shard: string;
  status: Exclude<SourceStatus, 'removed'>;
  lastRunAt?: string;
  lastSuccessAt?: string;
  durationMs?: number;
  error?: string;
  nextRunAt?: string;
}

/** The last sync of one configured source, as `GET /sources` returns it. */
export interface SourceStatusInfo {
  id: string;
  /** `file`, `eks`, `gke`, ... */
  kind: string;
  /** A human description of what the source reads (a path, an account and region...). Never a credential. */
  target: string;
  status: SourceStatus;
  lastRunAt?: string;
  lastSuccessAt?: string;
  durationMs?: number;
  poolCount: number;
  error?: string;
  issues: ImportIssue[];
  nextRunAt?: string;
  /** When the source was first found missing from config (status `removed`). */
  removedAt?: string;
  /** When the pools of a removed source will be tombstoned, unless it is configured again. */
  tombstoneAt?: string;
  /**
   * Each shard's last run, for a sharded source. The source's own fields
   * then sum them up: `ok` only when every shard's last run was, the
   * oldest last success, the latest run, every shard's error and issues.
   */
  shards?: SourceShardInfo[];
}
