import type { PoolListItem } from '@nodepools/plugin-nodepools-common';
import type { PoolFilters } from './config';

/** Whether a pool is one the provider publishes. */
export function matchesFilters(pool: PoolListItem, filters: PoolFilters): boolean {
  const values: Record<keyof PoolFilters, string | undefined> = {
    provider: pool.provider,
    account: pool.account,
    region: pool.region,
    cluster: pool.cluster,
    mode: pool.mode,
    capacityType: pool.capacityType,
  };
  return (Object.keys(filters) as Array<keyof PoolFilters>).every(key => {
    const allowed = filters[key];
    return !allowed || (values[key] !== undefined && allowed.includes(values[key]!));
  });
}

/** The filters `GET /pools` can apply itself, as query parameters. */
export function filtersAsQuery(filters: PoolFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['provider', 'region', 'cluster', 'mode', 'capacityType'] as const) {
    for (const value of filters[key] ?? []) query.append(key, value);
  }
  return query;
}
