import type { Knex } from 'knex';
import { fieldChanges } from '../fieldChanges';
import { lockHistoryOrder } from '../feed/historyOrder';
import type { HistoryRecord, PreparedPool, SyncSummary } from '../PoolStore';
import { searchText } from '../rows';
import { listDocumentJson } from '../listing/listDocument';
import { chunks } from './chunks';
import type { ListedPool, SyncPlan } from './diff';
import { loadDocuments } from './load';

/** One sync's writes: the source, its time, and the history and counts they add up to. */
export interface SyncWrite {
  tx: Knex.Transaction;
  sourceId: string;
  /** The shard the pools were listed by (`index/count`), null when the source is not sharded. */
  shard: string | null;
  now: string;
  summary: SyncSummary;
  history: HistoryRecord[];
}

function poolColumns(pool: PreparedPool, sourceId: string, scope: string, shard: string | null) {
  const { spec } = pool;
  return {
    provider: spec.provider,
    account: spec.account ?? null,
    region: spec.region ?? null,
    cluster: spec.cluster,
    name: spec.name,
    mode: spec.mode,
    capacity_type: spec.capacityType,
    node_count: spec.nodeCount ?? null,
    owner: spec.owner ?? null,
    owner_source: spec.ownerSource ?? null,
    source: sourceId,
    scope,
    shard,
    search: searchText(spec),
    fingerprint: pool.fingerprint,
  };
}

function documentColumns(pool: PreparedPool, sourceId: string, observed: string | null) {
  return {
    spec: JSON.stringify(pool.spec),
    raw: pool.raw === undefined ? null : JSON.stringify(pool.raw),
    list_json: listDocumentJson({
      ref: pool.ref,
      source: sourceId,
      spec: pool.spec,
      observed: observed ? JSON.parse(observed) : null,
    }),
  };
}

/**
 * Inserts the pools the store did not hold. A pool another writer (a
 * second replica) inserted since the plan was made is left alone here and
 * returned, to be planned again against what that writer stored.
 */
export async function insertNewPools(write: SyncWrite, inserts: ListedPool[]): Promise<ListedPool[]> {
  const { tx, sourceId, shard, now, summary } = write;
  const lost: ListedPool[] = [];
  for (const part of chunks(inserts)) {
    const inserted: Array<{ ref: string }> = await tx('nodepools_pools')
      .insert(
        part.map(({ pool, scope }) => ({
          ref: pool.ref,
          ...poolColumns(pool, sourceId, scope, shard),
          first_seen_at: now,
          changed_at: now,
          tombstoned_at: null,
        })),
      )
      .onConflict('ref')
      .ignore()
      .returning('ref');
    const ours = new Set(inserted.map(row => row.ref));
    const won = part.filter(({ pool }) => ours.has(pool.ref));
    lost.push(...part.filter(({ pool }) => !ours.has(pool.ref)));
    if (!won.length) continue;
    await tx('nodepools_pool_documents').insert(
      won.map(({ pool }) => ({ ref: pool.ref, ...documentColumns(pool, sourceId, null) })),
    );
    for (const { pool } of won) {
      write.history.push({ ref: pool.ref, event: 'created', changes: [] });
    }
    summary.created += won.length;
    summary.poolRowsWritten += won.length * 2;
  }
  return lost;
}

/** Rewrites changed pools, with their field-level changes against the stored spec. */
export async function updateChangedPools(write: SyncWrite, changed: SyncPlan['changed']): Promise<void> {
  const { tx, sourceId, shard, now, summary } = write;
  for (const part of chunks(changed)) {
    const stored = await loadDocuments(tx, part.map(c => c.pool.ref));
    for (const { pool, scope, prior } of part) {
      const before = stored.get(pool.ref);
      const changes = fieldChanges(JSON.parse(before?.spec ?? '{}'), pool.spec);
      await tx('nodepools_pools')
        .where({ ref: pool.ref })
        .update({
          ...poolColumns(pool, sourceId, scope, shard),
          changed_at: now,
          tombstoned_at: null,
        });
      await tx('nodepools_pool_documents')
        .where({ ref: pool.ref })
        .update(documentColumns(pool, sourceId, before?.observed ?? null));
      summary.poolRowsWritten += 2;
      if (prior.tombstoned_at) {
        write.history.push({ ref: pool.ref, event: 'revived', changes });
        summary.revived++;
      } else if (changes.length > 0 || prior.source !== sourceId) {
        write.history.push({ ref: pool.ref, event: 'updated', changes });
        summary.updated++;
      } else {
        // Only the provider's raw record moved (timestamps, health): kept, not history.
        summary.unchanged++;
      }
    }
  }
}

export async function tombstoneGonePools(write: SyncWrite, gone: SyncPlan['gone']): Promise<void> {
  const { tx, now, summary } = write;
  for (const part of chunks(gone.map(row => row.ref))) {
    await tx('nodepools_pools')
      .whereIn('ref', part)
      .update({ tombstoned_at: now, changed_at: now });
  }
  for (const row of gone) {
    write.history.push({ ref: row.ref, event: 'tombstoned', changes: [] });
  }
  summary.tombstoned += gone.length;
  summary.poolRowsWritten += gone.length;
}

export async function writeHistory(write: SyncWrite): Promise<void> {
  const { tx, sourceId, now, summary, history } = write;
  if (history.length) await lockHistoryOrder(tx);
  for (const part of chunks(history)) {
    await tx('nodepools_history').insert(
      part.map(h => ({
        ref: h.ref,
        event: h.event,
        source: sourceId,
        at: now,
        changes: JSON.stringify(h.changes),
      })),
    );
  }
  summary.poolRowsWritten += history.length;
}
