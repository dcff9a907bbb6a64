import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { ObservedNodes } from '@nodepools/plugin-nodepools-common';
import { stableJson } from './stableJson';
import type { ObservedUpdate } from './PoolStore';

const CHUNK = 200;

/**
 * The roll-up without its timestamp: `observedAt` is read from the observing
 * source's last success, so an unchanged cluster costs no write.
 */
function observedFingerprint(observed: ObservedNodes): string {
  const { observedAt: _ignored, ...rest } = observed;
  return createHash('sha256').update(stableJson(rest)).digest('hex');
}

export async function applyObservedUpdates(
  tx: Knex.Transaction,
  sourceId: string,
  updates: ObservedUpdate[],
): Promise<number> {
  let written = 0;
  for (const update of updates) {
    const refs = update.entries.map(e => e.ref);
    const current = new Map<string, string | null>();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows: Array<{ ref: string; observed_fingerprint: string | null }> =
        await tx('nodepools_pools')
          .whereIn('ref', refs.slice(i, i + CHUNK))
          .select('ref', 'observed_fingerprint');
      for (const row of rows) current.set(row.ref, row.observed_fingerprint);
    }
    for (const entry of update.entries) {
      if (!current.has(entry.ref)) continue; // the pool row was not written (bad record)
      const fingerprint = observedFingerprint(entry.observed);
      if (current.get(entry.ref) === fingerprint) continue;
      await tx('nodepools_pools').where({ ref: entry.ref }).update({
        observed: JSON.stringify(entry.observed),
        observed_fingerprint: fingerprint,
        observed_source: sourceId,
      });
      written++;
    }
    if (!update.complete) continue;
    // Pools of a fully read cluster that no node belongs to (scaled to zero).
    const query = tx('nodepools_pools')
      .where({ cluster: update.cluster.cluster, observed_source: sourceId })
      .whereNotNull('observed_fingerprint');
    if (refs.length) {
      for (let i = 0; i < refs.length; i += CHUNK) {
        query.whereNotIn('ref', refs.slice(i, i + CHUNK));
      }
    }
    written += await query.update({
      observed: null,
      observed_fingerprint: null,
      observed_source: null,
    });
  }
  return written;
}
