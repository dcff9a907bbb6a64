import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { clusterOfPool, clustersAgree, type ClusterIdentity } from '../model/cluster';
import type { NodePool, Provider } from '../model/pool';

/**
 * One condition a permission decision puts on pools, in the form both the
 * store (as SQL) and the backend (on a loaded pool) evaluate: the two must
 * agree on every pool, owners compared without case.
 */
export type PoolCondition =
  /** Pools whose owner is one of these entity refs; a pool without owner matches none. */
  | { owners: string[] }
  /** Pools of one of these clusters, as `clustersAgree` says. */
  | { clusters: ClusterIdentity[] }
  /** Pools of one of these providers. */
  | { providers: Provider[] };

/**
 * Which pools a caller may see: the conditions of a permission decision
 * (`allOf`, `anyOf`, `not`) over `PoolCondition`s. Built by the backend
 * from the caller's credentials, never read from a request.
 */
export type PoolRestriction = PermissionCriteria<PoolCondition>;

/** The fields of a pool the conditions read. */
export type PoolConditionSubject = Pick<
  NodePool,
  'owner' | 'provider' | 'account' | 'region' | 'cluster'
>;

/** Entity refs compare without case, as the catalog compares them. */
export function normalizeOwnerRefs(refs: readonly string[]): string[] {
  return refs.map(ref => ref.toLocaleLowerCase('en-US'));
}

/** Whether a pool meets one condition. */
export function poolMeetsCondition(
  pool: PoolConditionSubject,
  condition: PoolCondition,
): boolean {
  if ('owners' in condition) {
    if (!pool.owner) return false;
    const owner = pool.owner.toLocaleLowerCase('en-US');
    return normalizeOwnerRefs(condition.owners).includes(owner);
  }
  if ('clusters' in condition) {
    const own = clusterOfPool(pool);
    return condition.clusters.some(cluster => clustersAgree(cluster, own));
  }
  return condition.providers.includes(pool.provider);
}

/** Whether a pool passes a whole restriction. */
export function poolPassesRestriction(
  pool: PoolConditionSubject,
  restriction: PoolRestriction,
): boolean {
  if ('allOf' in restriction) {
    return restriction.allOf.every(child => poolPassesRestriction(pool, child));
  }
  if ('anyOf' in restriction) {
    return restriction.anyOf.some(child => poolPassesRestriction(pool, child));
  }
  if ('not' in restriction) return !poolPassesRestriction(pool, restriction.not);
  return poolMeetsCondition(pool, restriction);
}
