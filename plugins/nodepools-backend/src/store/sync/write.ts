import type { Knex } from 'knex';
import { fieldChanges } from '../fieldChanges';
import type { HistoryRecord, PreparedPool, SyncSummary } from '../PoolStore';
import { searchText } from '../rows';
import { chunks } from './chunks';
import type { SyncPlan } from './diff';
import { loadSpecs } from './load';

function poolColumns(pool: PreparedPool, sourceId: string, scope: string) {
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
    search: searchText(spec),
    fingerprint: pool.fingerprint,
  };
}

function documentColumns(pool: PreparedPool) {
  return {
    spec: JSON.stringify(pool.spec),
    raw: pool.raw === undefined ? null : JSON.stringify(pool.raw),
  };
}

/**
 * Writes a sync plan: new pools, changed pools with the field-level changes
 * against their stored spec, tombstones, and one history row per event.
 * Counts every row it writes into `summary`.
 */
export async function writeSyncPlan(
  tx: Knex.Transaction,
  plan: SyncPlan,
  sync: { sourceId: string; now: string },
  summary: SyncSummary,
): Promise<void> {
  const { sourceId, now } = sync;
  const history: HistoryRecord[] = [];

  for (const part of chunks(plan.inserts)) {
    await tx('nodepools_pools').insert(
      part.map(({ pool, scope }) => ({
        ref: pool.ref,
        ...poolColumns(pool, sourceId, scope),
        first_seen_at: now,
        changed_at: now,
        tombstoned_at: null,
      })),
    );
    await tx('nodepools_pool_documents').insert(
      part.map(({ pool }) => ({ ref: pool.ref, ...documentColumns(pool) })),
    );
  }
  for (const { pool } of plan.inserts) {
    history.push({ ref: pool.ref, event: 'created', changes: [] });
  }
  summary.created += plan.inserts.length;
  summary.poolRowsWritten += plan.inserts.length * 2;

  summary.unchanged += plan.unchanged;
  for (const part of chunks(plan.changed)) {
    const oldSpecs = await loadSpecs(tx, part.map(c => c.pool.ref));
    for (const { pool, scope, prior } of part) {
      const changes = fieldChanges(
        JSON.parse(oldSpecs.get(pool.ref) ?? '{}'),
        pool.spec,
      );
      await tx('nodepools_pools')
        .where({ ref: pool.ref })
        .update({
          ...poolColumns(pool, sourceId, scope),
          changed_at: now,
          tombstoned_at: null,
        });
      await tx('nodepools_pool_documents')
        .where({ ref: pool.ref })
        .update(documentColumns(pool));
      summary.poolRowsWritten += 2;
      if (prior.tombstoned_at) {
        history.push({ ref: pool.ref, event: 'revived', changes });
        summary.revived++;
      } else if (changes.length > 0 || prior.source !== sourceId) {
        history.push({ ref: pool.ref, event: 'updated', changes });
        summary.updated++;
      } else {
        // Only the provider's raw record moved (timestamps, health): kept, not history.
        summary.unchanged++;
      }
    }
  }

  for (const part of chunks(plan.gone.map(row => row.ref))) {
    await tx('nodepools_pools')
      .whereIn('ref', part)
      .update({ tombstoned_at: now, changed_at: now });
  }
  for (const row of plan.gone) {
    history.push({ ref: row.ref, event: 'tombstoned', changes: [] });
  }
  summary.tombstoned += plan.gone.length;
  summary.poolRowsWritten += plan.gone.length;

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
