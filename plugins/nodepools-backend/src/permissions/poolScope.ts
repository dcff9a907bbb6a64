import {
  poolPassesRestriction,
  type PoolConditionSubject,
  type PoolRestriction,
} from '@nodepools/plugin-nodepools-common';

/**
 * What one permission decision on pools lets the caller do: every pool,
 * no pool, or the pools a restriction keeps.
 */
export type PoolScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'some'; restriction: PoolRestriction };

/** The restriction a store query takes: none for every pool. */
export function restrictionOf(scope: PoolScope): PoolRestriction | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'none':
      // Owned by nobody: a condition no pool meets, in SQL as in memory.
      return { owners: [] };
    default:
      return scope.restriction;
  }
}

/** Whether the scope covers one loaded pool, as the store's SQL would decide. */
export function scopeCovers(scope: PoolScope, pool: PoolConditionSubject): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    default:
      return poolPassesRestriction(pool, scope.restriction);
  }
}
