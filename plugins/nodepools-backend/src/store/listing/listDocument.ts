import type { Knex } from 'knex';
import {
  toPoolListDocument,
  type ObservedNodes,
} from '@nodepools/plugin-nodepools-common';
import type { StoredSpec } from '../PoolStore';
import { chunks } from '../sync/chunks';

/**
 * A pool's list item as stored (`nodepools_pool_documents.list_json`): what
 * a card shows, serialized once when the pool or its observed nodes change,
 * so a page is assembled from strings rather than rebuilt object by object.
 * What depends on the sync state and the clock (`lastSeenAt`, `stale`,
 * `staleReason`) and the tombstone are added when it is read.
 */
export function listDocumentJson(pool: {
  ref: string;
  source: string;
  spec: StoredSpec;
  observed?: ObservedNodes | null;
}): string {
  return JSON.stringify(
    toPoolListDocument({
      ...pool.spec,
      ref: pool.ref,
      source: pool.source,
      ...(pool.observed ? { observed: pool.observed } : {}),
    }),
  );
}

/** The same document with other observed nodes (none when `observed` is null). */
export function withObserved(listJson: string, observed: ObservedNodes | null): string {
  const doc = JSON.parse(listJson);
  delete doc.observed;
  if (observed) {
    const { nodeCount, readyCount, allocatable, requested } = observed;
    doc.observed = { nodeCount, readyCount, allocatable, requested };
  }
  return JSON.stringify(doc);
}

interface DocumentSourceRow {
  ref: string;
  source: string;
  spec: string;
  observed: string | null;
}

/** Builds the list documents of these pools from their stored spec and observed nodes. */
export async function buildListDocuments(
  db: Knex | Knex.Transaction,
  refs: string[],
): Promise<Map<string, string>> {
  const built = new Map<string, string>();
  for (const part of chunks(refs)) {
    const rows: DocumentSourceRow[] = await db('nodepools_pool_documents as d')
      .join('nodepools_pools as p', 'p.ref', 'd.ref')
      .whereIn('d.ref', part)
      .select('d.ref', 'p.source', 'd.spec', 'p.observed');
    for (const row of rows) {
      built.set(
        row.ref,
        listDocumentJson({
          ref: row.ref,
          source: row.source,
          spec: JSON.parse(row.spec),
          observed: row.observed ? JSON.parse(row.observed) : null,
        }),
      );
    }
  }
  return built;
}

/** Rewrites the list documents of these pools from what is stored. */
export async function rebuildListDocuments(
  db: Knex | Knex.Transaction,
  refs: string[],
): Promise<number> {
  const built = await buildListDocuments(db, refs);
  for (const [ref, listJson] of built) {
    await db('nodepools_pool_documents').where({ ref }).update({ list_json: listJson });
  }
  return built.size;
}

/**
 * Writes the list documents that are missing: pools stored before list
 * documents existed, or whose document a schema change reset. Run when the
 * store opens; a page that meets a missing one still builds it on the fly.
 */
export async function fillMissingListDocuments(db: Knex): Promise<number> {
  let filled = 0;
  for (;;) {
    const refs: string[] = (
      await db('nodepools_pool_documents').whereNull('list_json').limit(500).select('ref')
    ).map((row: { ref: string }) => row.ref);
    const rebuilt = refs.length ? await db.transaction(tx => rebuildListDocuments(tx, refs)) : 0;
    // A document without its pool row cannot be built; leave it rather than loop.
    if (!rebuilt) return filled;
    filled += rebuilt;
  }
}
