import type { Knex } from 'knex';
import { clusterMatches, UNOWNED } from '@nodepools/plugin-nodepools-common';

/**
 * The stored cluster refs that cluster selectors name, as the common
 * filters decide (`clusterMatches`: a ref, or a bare name or partial ref
 * that may name the same cluster), so the API filters as the frontend does.
 * Clusters are few: they are matched in memory, then filtered in SQL.
 */
export async function matchingClusterRefs(db: Knex, selectors: readonly string[]): Promise<string[]> {
  const rows: Array<{ cluster_ref: string }> = await db
    .union([
      db('nodepools_governance_pools').distinct('cluster_ref'),
      db('nodepools_governance_findings').distinct('cluster_ref'),
    ]);
  return rows.map(row => row.cluster_ref).filter(ref => clusterMatches(ref, selectors));
}

/** Keeps the rows whose owner (`column`) is one of `owners`, without case; `-` asks for none. */
export function whereOwnerIn(builder: Knex.QueryBuilder, column: string, owners: readonly string[]): Knex.QueryBuilder {
  // Owners are stored as lower-case entity refs (`toOwnerRef`).
  const named = owners.filter(o => o !== UNOWNED).map(o => o.toLowerCase());
  return builder.where(q => {
    if (named.length) q.orWhereIn(column, named);
    if (named.length !== owners.length) q.orWhereNull(column);
  });
}
