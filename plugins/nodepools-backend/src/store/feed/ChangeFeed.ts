import type { PoolChangesResponse } from '@nodepools/plugin-nodepools-common';

/**
 * The changes of pools in the order they were committed, read from the
 * history by id. History is pruned past its retention: a reader whose
 * cursor is older than what is kept must read every pool again.
 */
export interface ChangeFeed {
  /**
   * The changes after `after` (at most `limit`), and the newest history
   * id. Without `after`, no changes: the id a reader starts from. Throws
   * `HistoryGoneError` when changes after `after` may have been pruned, or
   * when `after` is beyond any id the history has had (another database).
   */
  listChanges(after: number | undefined, limit: number): Promise<PoolChangesResponse>;
}

/** The changes asked for are no longer all in the history. */
export class HistoryGoneError extends Error {
  readonly name = 'HistoryGoneError';
}
