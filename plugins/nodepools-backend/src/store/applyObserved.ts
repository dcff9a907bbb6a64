import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { clusterRef, type ObservedNodes } from '@nodepools/plugin-nodepools-common';
import { rebuildListDocuments } from './listing/listDocument';
import type { ObservedUpdate } from './PoolStore';
import { stableJson } from './stableJson';
import { CHUNK } from './sync/chunks';

/**
 * The roll-up without its timestamp: `observedAt` is read from the observing
 * source's last success, so an unchanged cluster costs no write.
 */
function observedFingerprint(observed: ObservedNodes): string {
  const { observedAt: _ignored, ...rest } = observed;
  return createHash('sha256').update(stableJson(rest)).digest('hex');
}

interface ObservedState {
  ref: string;
  observed_fingerprint: string | null;
  observed_cluster: string | null;
  observed_source: string | null;
  /** Priority of the source whose roll-up the pool holds. */
  observed_priority: number | null;
}

/**
 * Writes the roll-ups that changed and clears those of fully read clusters'
 * pools that no node belongs to any more; each pool whose roll-up moved gets
 * its list document rewritten. Returns the number of pool rows written.
 */
export async function applyObservedUpdates(
  tx: Knex.Transaction,
  sourceId: string,
  updates: ObservedUpdate[],
): Promise<number> {
  const touched: string[] = [];
  const own: { priority: number | null } | undefined = await tx('nodepools_sources')
    .where({ id: sourceId })
    .first('priority');
  const priority = own?.priority ?? 0;
  for (const update of updates) {
    const observedCluster = clusterRef(update.cluster);
    const refs = update.entries.map(e => e.ref);
    const current = new Map<string, ObservedState>();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows: ObservedState[] = await tx('nodepools_pools as p')
        .leftJoin('nodepools_sources as s', 's.id', 'p.observed_source')
        .whereIn('p.ref', refs.slice(i, i + CHUNK))
        .select(
          'p.ref',
          'p.observed_fingerprint',
          'p.observed_cluster',
          'p.observed_source',
          's.priority as observed_priority',
        );
      for (const row of rows) current.set(row.ref, row);
    }
    for (const entry of update.entries) {
      const state = current.get(entry.ref);
      if (!state) continue; // the pool row was not written (bad record)
      // A roll-up of a source of higher priority (a live cluster over a saved snapshot) stays.
      const heldBy = state.observed_source;
      if (heldBy && heldBy !== sourceId && (state.observed_priority ?? 0) > priority) continue;
      const fingerprint = observedFingerprint(entry.observed);
      if (
        state.observed_fingerprint === fingerprint &&
        state.observed_cluster === observedCluster
      ) {
        continue;
      }
      await tx('nodepools_pools').where({ ref: entry.ref }).update({
        observed: JSON.stringify(entry.observed),
        observed_fingerprint: fingerprint,
        observed_source: sourceId,
        observed_cluster: observedCluster,
      });
      touched.push(entry.ref);
    }
    if (!update.complete) continue;
    // Pools of this fully read cluster that no node belongs to (scaled to
    // zero). Roll-ups stored before clusters had refs are known by name only.
    const query = tx('nodepools_pools')
      .where({ observed_source: sourceId })
      .whereNotNull('observed_fingerprint')
      .where(inner =>
        inner
          .where({ observed_cluster: observedCluster })
          .orWhere(legacy =>
            legacy.whereNull('observed_cluster').where({ cluster: update.cluster.cluster }),
          ),
      );
    for (let i = 0; i < refs.length; i += CHUNK) {
      query.whereNotIn('ref', refs.slice(i, i + CHUNK));
    }
    const cleared: string[] = (await query.select('ref')).map((row: { ref: string }) => row.ref);
    for (let i = 0; i < cleared.length; i += CHUNK) {
      await tx('nodepools_pools').whereIn('ref', cleared.slice(i, i + CHUNK)).update({
        observed: null,
        observed_fingerprint: null,
        observed_source: null,
        observed_cluster: null,
      });
    }
    touched.push(...cleared);
  }
  await rebuildListDocuments(tx, touched);
  return touched.length;
}
