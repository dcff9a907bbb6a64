import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { clusterRef, type PoolWorkloads } from '@nodepools/plugin-nodepools-common';
import type { ObservedUpdate } from '../PoolStore';
import { stableJson } from '../stableJson';
import { chunks } from '../sync/chunks';

function fingerprintOf(workloads: PoolWorkloads): string {
  return createHash('sha256').update(stableJson(workloads)).digest('hex');
}

/** The distinct workload label values of a pool, one index row each. */
function labelRows(ref: string, workloads: PoolWorkloads) {
  const seen = new Map<string, { ref: string; label_key: string; label_value: string }>();
  for (const workload of workloads.workloads) {
    for (const [key, value] of Object.entries(workload.labels)) {
      seen.set(`${key}\u0000${value}`, { ref, label_key: key, label_value: value });
    }
  }
  return [...seen.values()];
}

async function removeWorkloads(tx: Knex.Transaction, refs: string[]): Promise<void> {
  for (const part of chunks(refs)) {
    await tx('nodepools_workload_labels').whereIn('ref', part).delete();
    await tx('nodepools_pool_workloads').whereIn('ref', part).delete();
  }
}

/**
 * Stores which workloads run on each pool, beside its node roll-up and in
 * the same transaction, after the roll-ups were written: a pool whose
 * roll-up another source holds (one of higher priority) keeps that
 * source's workloads. Rows are written only when a pool's workloads
 * changed; a fully read cluster drops the workloads of its pools that no
 * longer have nodes. Returns the number of pools written.
 */
export async function applyWorkloads(
  tx: Knex.Transaction,
  sourceId: string,
  updates: ObservedUpdate[],
): Promise<number> {
  let written = 0;
  for (const update of updates) {
    const observedCluster = clusterRef(update.cluster);
    const entries = update.entries.filter(entry => entry.workloads);
    const held = new Set<string>();
    const stored = new Map<string, { fingerprint: string; source: string; observed_cluster: string }>();
    for (const part of chunks(entries.map(e => e.ref))) {
      const pools: Array<{ ref: string }> = await tx('nodepools_pools')
        .whereIn('ref', part)
        .where({ observed_source: sourceId })
        .select('ref');
      pools.forEach(row => held.add(row.ref));
      const rows: Array<{ ref: string; fingerprint: string; source: string; observed_cluster: string }> =
        await tx('nodepools_pool_workloads')
          .whereIn('ref', part)
          .select('ref', 'fingerprint', 'source', 'observed_cluster');
      rows.forEach(row => stored.set(row.ref, row));
    }
    for (const entry of entries) {
      if (!held.has(entry.ref)) continue;
      const workloads = entry.workloads!;
      const fingerprint = fingerprintOf(workloads);
      const current = stored.get(entry.ref);
      if (
        current?.fingerprint === fingerprint &&
        current.source === sourceId &&
        current.observed_cluster === observedCluster
      ) {
        continue;
      }
      await removeWorkloads(tx, [entry.ref]);
      await tx('nodepools_pool_workloads').insert({
        ref: entry.ref,
        source: sourceId,
        observed_cluster: observedCluster,
        workloads: JSON.stringify(workloads.workloads),
        other_pods: workloads.otherPods,
        fingerprint,
      });
      for (const part of chunks(labelRows(entry.ref, workloads))) {
        await tx('nodepools_workload_labels').insert(part);
      }
      written++;
    }
    if (!update.complete) continue;
    const listed = new Set(update.entries.map(e => e.ref));
    const left: Array<{ ref: string }> = await tx('nodepools_pool_workloads')
      .where({ source: sourceId, observed_cluster: observedCluster })
      .select('ref');
    const gone = left.map(row => row.ref).filter(ref => !listed.has(ref));
    await removeWorkloads(tx, gone);
    written += gone.length;
  }
  return written;
}
