import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { PoolGovernance } from '@nodepools/plugin-nodepools-common';
import type { EvaluatedPool, GovernanceApplySummary, PoolDocumentQuery } from '../GovernanceStore';
import { whereRefRestricted } from '../poolRestriction';
import { stableJson } from '../stableJson';
import { matchingClusterRefs, whereOwnerIn } from './clusterSelectors';
import { chunks } from '../sync/chunks';

interface StoredPool {
  ref: string;
  fingerprint: string;
  last_workload_at: string | null;
}

/**
 * The fields of a pool's document that `rollupCosts` reads: its grouping
 * keys, capacity, current cost and idle cost. `GET /costs` parses these
 * instead of whole documents (a tenth of the bytes).
 */
export function costView(document: PoolGovernance): PoolGovernance {
  const { current, known, estimated } = document.cost;
  return {
    ref: document.ref,
    ...(document.owner ? { owner: document.owner } : {}),
    clusterRef: document.clusterRef,
    provider: document.provider,
    capacity: document.capacity,
    cost: { known, estimated, ...(current ? { current } : {}) },
    ...(document.idle ? { idle: { monthly: document.idle.monthly } } : {}),
  } as PoolGovernance;
}

function poolColumns(pool: EvaluatedPool) {
  const document = stableJson(pool.document);
  return {
    owner: pool.document.owner ?? null,
    cluster_ref: pool.document.clusterRef,
    provider: pool.document.provider,
    document,
    cost_document: JSON.stringify(costView(pool.document)),
    fingerprint: createHash('sha256').update(document).digest('hex'),
    last_workload_at: pool.lastWorkloadAt,
  };
}

/**
 * Writes the documents that changed (content or when workloads were last
 * seen), inserts new pools' and deletes those of pools no longer live.
 */
export async function applyPoolDocuments(
  tx: Knex.Transaction,
  pools: EvaluatedPool[],
  summary: GovernanceApplySummary,
): Promise<void> {
  const stored = new Map<string, StoredPool>();
  const rows: StoredPool[] = await tx('nodepools_governance_pools').select('ref', 'fingerprint', 'last_workload_at');
  for (const row of rows) stored.set(row.ref, row);
  const inserts: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const pool of pools) {
    const ref = pool.document.ref;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const columns = poolColumns(pool);
    const row = stored.get(ref);
    if (!row) {
      inserts.push({ ref, ...columns });
    } else if (row.fingerprint !== columns.fingerprint || row.last_workload_at !== columns.last_workload_at) {
      await tx('nodepools_governance_pools').where({ ref }).update(columns);
      summary.poolsWritten++;
      summary.rowsWritten++;
    }
  }
  for (const batch of chunks(inserts)) {
    await tx('nodepools_governance_pools').insert(batch);
    summary.poolsWritten += batch.length;
    summary.rowsWritten += batch.length;
  }
  const gone = [...stored.keys()].filter(ref => !seen.has(ref));
  for (const part of chunks(gone)) {
    const removed = await tx('nodepools_governance_pools').whereIn('ref', part).delete();
    summary.poolsRemoved += removed;
    summary.rowsWritten += removed;
  }
}

/**
 * Narrows pool documents (`g`) by owner, cluster (the refs the query's
 * selectors resolved to), provider and the caller's restriction.
 */
function applyPoolDocumentFilters(
  builder: Knex.QueryBuilder,
  query: PoolDocumentQuery,
  clusterRefs: string[] | undefined,
): Knex.QueryBuilder {
  if (query.owner?.length) whereOwnerIn(builder, 'g.owner', query.owner);
  if (clusterRefs) builder.whereIn('g.cluster_ref', clusterRefs);
  if (query.provider?.length) builder.whereIn('g.provider', query.provider);
  return whereRefRestricted(builder, 'g.ref', query.restrict);
}

/**
 * The stored documents the query keeps, by ref: whole, or (`cost`) only
 * what a cost roll-up reads (`costView`). The JSON is joined into one
 * array and parsed once, which is faster than a parse per row.
 */
export async function listPoolDocuments(
  db: Knex,
  query: PoolDocumentQuery,
  view: 'document' | 'cost' = 'document',
): Promise<PoolGovernance[]> {
  const clusterRefs = query.cluster?.length ? await matchingClusterRefs(db, query.cluster) : undefined;
  const column = view === 'cost' ? 'g.cost_document' : 'g.document';
  const filtered = applyPoolDocumentFilters(db('nodepools_governance_pools as g'), query, clusterRefs);
  // Costs are summed: their order does not matter.
  if (view === 'document') filtered.orderBy('g.ref');
  const rows: Array<{ json: string }> = await filtered.select({ json: column });
  if (!rows.length) return [];
  return JSON.parse(`[${rows.map(row => row.json).join(',')}]`) as PoolGovernance[];
}

/** Live pools per cluster ref, of these clusters. */
export async function clusterPoolCounts(db: Knex, clusterRefs: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(clusterRefs)])) {
    const rows: Array<{ cluster_ref: string; n: number | string }> = await db('nodepools_governance_pools')
      .whereIn('cluster_ref', part)
      .groupBy('cluster_ref')
      .select('cluster_ref')
      .count({ n: '*' });
    for (const row of rows) counts.set(row.cluster_ref, Number(row.n));
  }
  return counts;
}
