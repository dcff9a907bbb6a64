import type { Knex } from 'knex';

/** An arbitrary constant: the one advisory lock of the nodepools history. */
const HISTORY_LOCK_KEY = 7_104_205_118;

/**
 * Makes history ids increase in the order their transactions commit, which
 * the change feed relies on: a reader that has seen id N must never later
 * find a row below N. PostgreSQL hands out sequence values at insert time,
 * so two syncs committing in the other order would break that; this
 * transaction-scoped lock, taken just before a transaction's history rows
 * are inserted and held to its commit, serializes that last step. Take it
 * after every other row lock the transaction needs but the listing
 * counter's (which every writer takes last, see `bumpListingVersion`), so
 * no lock waits on it in a cycle. SQLite has one writer at a time already.
 */
export async function lockHistoryOrder(tx: Knex.Transaction): Promise<void> {
  if (tx.client.config.client === 'pg') {
    await tx.raw('select pg_advisory_xact_lock(?)', [HISTORY_LOCK_KEY]);
  }
}
