import type { Knex } from 'knex';
import type { OwnershipConfirmation } from '@nodepools/plugin-nodepools-common';
import type { ConfirmationInput } from '../GovernanceStore';
import { chunks } from '../sync/chunks';

interface ConfirmationRow {
  pool_ref: string;
  owner: string;
  action: string;
  hand_to: string | null;
  by: string;
  at: string;
}

/** The newest row of each pool (the highest id). */
function latestRows(db: Knex): Knex.QueryBuilder {
  return db('nodepools_governance_confirmations as c').whereIn('c.id', function newest(this: Knex.QueryBuilder) {
    this.from('nodepools_governance_confirmations').max('id').groupBy('pool_ref');
  });
}

function fromRow(row: ConfirmationRow): OwnershipConfirmation {
  return {
    poolRef: row.pool_ref,
    owner: row.owner,
    by: row.by,
    at: row.at,
    ...(row.action === 'hand-over' && row.hand_to ? { handedTo: row.hand_to } : {}),
  };
}

export async function latestConfirmations(db: Knex, refs?: string[]): Promise<Map<string, OwnershipConfirmation>> {
  const rows: ConfirmationRow[] = [];
  if (refs) {
    for (const part of chunks(refs)) rows.push(...(await latestRows(db).whereIn('c.pool_ref', part).select('c.*')));
  } else {
    rows.push(...(await latestRows(db).select('c.*')));
  }
  return new Map(rows.map(row => [row.pool_ref, fromRow(row)]));
}

export async function recordConfirmations(db: Knex, entries: ConfirmationInput[]): Promise<void> {
  if (!entries.length) return;
  await db.transaction(async tx => {
    for (const batch of chunks(entries)) {
      await tx('nodepools_governance_confirmations').insert(
        batch.map(entry => ({
          pool_ref: entry.poolRef,
          owner: entry.owner,
          action: entry.handedTo ? 'hand-over' : 'confirm',
          hand_to: entry.handedTo ?? null,
          by: entry.by,
          at: entry.at,
        })),
      );
    }
  });
}

/**
 * The new owner of each pool's latest hand-over: the owner hint that makes
 * the inventory show it. A later confirmation by the new owner keeps it.
 */
export async function handedOverOwners(db: Knex): Promise<Map<string, string>> {
  const rows: Array<{ pool_ref: string; hand_to: string }> = await db('nodepools_governance_confirmations')
    .whereIn('id', function newestHandOver(this: Knex.QueryBuilder) {
      this.from('nodepools_governance_confirmations').where('action', 'hand-over').max('id').groupBy('pool_ref');
    })
    .select('pool_ref', 'hand_to');
  return new Map(rows.map(row => [row.pool_ref, row.hand_to]));
}
