import type { Knex } from 'knex';
import {
  normalizeOwnerRefs,
  type PoolCondition,
  type PoolRestriction,
} from '@nodepools/plugin-nodepools-common';
import { whereInCluster } from './poolQuery';

/** A condition no row meets: `anyOf` of nothing, a list of no owners. */
function none(builder: Knex.QueryBuilder): Knex.QueryBuilder {
  return builder.whereRaw('1 = 0');
}

/**
 * One condition as SQL on `nodepools_pools as p`. Each is false, never
 * NULL, on every row, so that `not` keeps the pools the condition does not
 * hold for, as `poolMeetsCondition` does in memory.
 */
function whereCondition(
  builder: Knex.QueryBuilder,
  condition: PoolCondition,
): Knex.QueryBuilder {
  if ('owners' in condition) {
    if (!condition.owners.length) return none(builder);
    // Owners are stored lower-cased (`toOwnerRef`).
    return builder
      .whereNotNull('p.owner')
      .whereIn('p.owner', normalizeOwnerRefs(condition.owners));
  }
  if ('clusters' in condition) {
    if (!condition.clusters.length) return none(builder);
    return builder.where(any => {
      for (const cluster of condition.clusters) {
        any.orWhere(one => whereInCluster(one, cluster));
      }
    });
  }
  if (!condition.providers.length) return none(builder);
  return builder.whereIn('p.provider', condition.providers);
}

function whereCriteria(
  builder: Knex.QueryBuilder,
  criteria: PoolRestriction,
): Knex.QueryBuilder {
  if ('allOf' in criteria) {
    for (const child of criteria.allOf) {
      builder.where(inner => whereCriteria(inner, child));
    }
    return builder;
  }
  if ('anyOf' in criteria) {
    if (!criteria.anyOf.length) return none(builder);
    return builder.where(any => {
      for (const child of criteria.anyOf) {
        any.orWhere(inner => whereCriteria(inner, child));
      }
    });
  }
  if ('not' in criteria) {
    return builder.whereNot(inner => whereCriteria(inner, criteria.not));
  }
  return whereCondition(builder, criteria);
}

/**
 * Keeps the pools a permission decision lets the caller see; a query
 * without restriction is left as it is.
 */
export function applyPoolRestriction(
  builder: Knex.QueryBuilder,
  restriction: PoolRestriction | undefined,
): Knex.QueryBuilder {
  if (!restriction) return builder;
  return builder.where(inner => whereCriteria(inner, restriction));
}

/**
 * Keeps the rows whose pool ref (in `column`) is a pool the restriction
 * keeps; rows of refs with no stored pool go too.
 */
export function whereRefRestricted(
  builder: Knex.QueryBuilder,
  column: string,
  restriction: PoolRestriction | undefined,
): Knex.QueryBuilder {
  if (!restriction) return builder;
  return builder.whereIn(column, function readable(this: Knex.QueryBuilder) {
    applyPoolRestriction(this.from('nodepools_pools as p').select('p.ref'), restriction);
  });
}
