import type { Knex } from 'knex';
import type { PreparedListing } from '../PoolStore';
import { chunks } from './chunks';

/** What the store holds of a pool before a sync: enough to tell whether it changed, and who holds it. */
export interface ExistingPool {
  ref: string;
  source: string;
  scope: string;
  fingerprint: string;
  tombstoned_at: string | null;
  /** The shard that listed it (`index/count`), null when its source is not sharded. */
  shard: string | null;
  /** Priority of the source holding the pool; null when that source is not recorded. */
  source_priority: number | null;
}

function existingPools(tx: Knex.Transaction): Knex.QueryBuilder {
  return tx('nodepools_pools as p')
    .leftJoin('nodepools_sources as s', 's.id', 'p.source')
    .select(
      'p.ref',
      'p.source',
      'p.scope',
      'p.fingerprint',
      'p.tombstoned_at',
      'p.shard',
      's.priority as source_priority',
    );
}

/** The stored state of these pools, by ref. */
export async function loadPools(
  tx: Knex.Transaction,
  refs: string[],
): Promise<Map<string, ExistingPool>> {
  const existing = new Map<string, ExistingPool>();
  for (const part of chunks(refs)) {
    const rows: ExistingPool[] = await existingPools(tx).whereIn('p.ref', part);
    for (const row of rows) existing.set(row.ref, row);
  }
  return existing;
}

/**
 * The pools a sync may touch: every pool of the source, and the pools it
 * lists that another source holds (a file replaced by a live cloud read).
 */
export async function loadExistingPools(
  tx: Knex.Transaction,
  sourceId: string,
  listings: PreparedListing[],
): Promise<Map<string, ExistingPool>> {
  const own: ExistingPool[] = await existingPools(tx).where('p.source', sourceId);
  const existing = new Map(own.map(row => [row.ref, row]));
  const foreignRefs = listings
    .flatMap(listing => listing.pools.map(pool => pool.ref))
    .filter(ref => !existing.has(ref));
  for (const [ref, row] of await loadPools(tx, foreignRefs)) existing.set(ref, row);
  return existing;
}

/** What a pool rewrite keeps or compares: the stored spec, and the observed nodes (as JSON). */
export interface StoredDocument {
  spec: string;
  observed: string | null;
}

/** The normalized specs and observed nodes currently stored for some pools, by ref. */
export async function loadDocuments(
  tx: Knex.Transaction,
  refs: string[],
): Promise<Map<string, StoredDocument>> {
  const documents = new Map<string, StoredDocument>();
  for (const part of chunks(refs)) {
    const rows: Array<{ ref: string } & StoredDocument> = await tx('nodepools_pool_documents as d')
      .join('nodepools_pools as p', 'p.ref', 'd.ref')
      .whereIn('d.ref', part)
      .select('d.ref', 'd.spec', 'p.observed');
    for (const row of rows) documents.set(row.ref, { spec: row.spec, observed: row.observed });
  }
  return documents;
}
