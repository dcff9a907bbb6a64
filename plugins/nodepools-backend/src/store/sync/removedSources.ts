import type { Knex } from 'knex';
import { bumpListingVersion } from '../listing/listingVersion';
import { rebuildListDocuments } from '../listing/listDocument';
import type { RetiredSource } from '../PoolStore';
import { lockHistoryOrder } from '../feed/historyOrder';
import { chunks } from './chunks';

/**
 * Marks the recorded sources missing from `configuredIds` as removed (the
 * first time only: the grace period counts from then) and clears the mark
 * of those configured again.
 */
export async function markRemovedSources(
  tx: Knex.Transaction,
  configuredIds: string[],
  at: string,
): Promise<{ removed: string[]; restored: string[] }> {
  const configured = new Set(configuredIds);
  const rows: Array<{ id: string; removed_at: string | null }> = await tx(
    'nodepools_sources',
  ).select('id', 'removed_at');
  const removed = rows.filter(r => !configured.has(r.id) && !r.removed_at).map(r => r.id);
  const restored = rows.filter(r => configured.has(r.id) && r.removed_at).map(r => r.id);
  for (const part of chunks(removed)) {
    await tx('nodepools_sources').whereIn('id', part).update({ removed_at: at });
  }
  for (const part of chunks(restored)) {
    await tx('nodepools_sources').whereIn('id', part).update({ removed_at: null });
  }
  // A removed source's pools are listed stale, a restored one's fresh again.
  if (removed.length || restored.length) await bumpListingVersion(tx);
  return { removed, restored };
}

/**
 * Tombstones the live pools of the sources removed before `removedBefore`,
 * drops the node roll-ups they observed, and forgets the sources and their
 * scopes. Each tombstone gets its history row, in the removed source's name.
 */
export async function retireRemovedSources(
  tx: Knex.Transaction,
  removedBefore: string,
  at: string,
): Promise<RetiredSource[]> {
  const sources: Array<{ id: string; removed_at: string }> = await tx('nodepools_sources')
    .whereNotNull('removed_at')
    .where('removed_at', '<=', removedBefore)
    .orderBy('id')
    .select('id', 'removed_at');
  const retired: RetiredSource[] = [];
  const tombstones: Array<{ ref: string; source: string }> = [];
  for (const source of sources) {
    const refs: string[] = (
      await tx('nodepools_pools')
        .where({ source: source.id })
        .whereNull('tombstoned_at')
        .select('ref')
    ).map((row: { ref: string }) => row.ref);
    for (const part of chunks(refs)) {
      await tx('nodepools_pools')
        .whereIn('ref', part)
        .update({ tombstoned_at: at, changed_at: at });
    }
    tombstones.push(...refs.map(ref => ({ ref, source: source.id })));
    const observed: string[] = (
      await tx('nodepools_pools').where({ observed_source: source.id }).select('ref')
    ).map((row: { ref: string }) => row.ref);
    await tx('nodepools_pools').where({ observed_source: source.id }).update({
      observed: null,
      observed_fingerprint: null,
      observed_source: null,
      observed_cluster: null,
    });
    await rebuildListDocuments(tx, observed);
    await tx('nodepools_scopes').where({ source: source.id }).delete();
    await tx('nodepools_source_shards').where({ source: source.id }).delete();
    await tx('nodepools_sources').where({ id: source.id }).delete();
    retired.push({ id: source.id, removedAt: source.removed_at, tombstoned: refs.length });
  }
  // After every other row this transaction locks but the listing counter (see lockHistoryOrder).
  if (tombstones.length) await lockHistoryOrder(tx);
  for (const part of chunks(tombstones)) {
    await tx('nodepools_history').insert(
      part.map(({ ref, source }) => ({
        ref,
        event: 'tombstoned',
        source,
        at,
        changes: JSON.stringify([]),
      })),
    );
  }
  if (retired.length) await bumpListingVersion(tx);
  return retired;
}
