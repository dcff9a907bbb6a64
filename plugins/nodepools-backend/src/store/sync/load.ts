import type { Knex } from 'knex';
import type { PreparedListing } from '../PoolStore';
import { chunks } from './chunks';

/** What the store holds of a pool before a sync: enough to tell whether it changed. */
export interface ExistingPool {
  ref: string;
  source: string;
  scope: string;
  fingerprint: string;
  tombstoned_at: string | null;
}

const EXISTING_COLUMNS = ['ref', 'source', 'scope', 'fingerprint', 'tombstoned_at'];

/**
 * The pools a sync may touch: every pool of the source, and the pools it
 * lists that another source holds (a file replaced by a live cloud read).
 */
export async function loadExistingPools(
  tx: Knex.Transaction,
  sourceId: string,
  listings: PreparedListing[],
): Promise<Map<string, ExistingPool>> {
  const own: ExistingPool[] = await tx('nodepools_pools')
    .where({ source: sourceId })
    .select(EXISTING_COLUMNS);
  const existing = new Map(own.map(row => [row.ref, row]));
  const foreignRefs = listings
    .flatMap(listing => listing.pools.map(pool => pool.ref))
    .filter(ref => !existing.has(ref));
  for (const part of chunks(foreignRefs)) {
    const rows: ExistingPool[] = await tx('nodepools_pools')
      .whereIn('ref', part)
      .select(EXISTING_COLUMNS);
    for (const row of rows) existing.set(row.ref, row);
  }
  return existing;
}

/** The normalized specs currently stored for some pools, by ref. */
export async function loadSpecs(
  tx: Knex.Transaction,
  refs: string[],
): Promise<Map<string, string>> {
  const specs = new Map<string, string>();
  for (const part of chunks(refs)) {
    const rows: Array<{ ref: string; spec: string }> = await tx(
      'nodepools_pool_documents',
    )
      .whereIn('ref', part)
      .select('ref', 'spec');
    for (const row of rows) specs.set(row.ref, row.spec);
  }
  return specs;
}
