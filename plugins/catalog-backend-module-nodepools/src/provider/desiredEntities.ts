import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  findClusterEntity,
  type CatalogClusterEntity,
  type PoolListItem,
} from '@nodepools/plugin-nodepools-common';
import { groupByCluster } from './clusterGroups';
import { assignNames, type NameRequest } from './entityNames';
import { clusterEntity, poolEntity, type EntityContext } from './entities';

/**
 * Every entity a provider publishes for these pools: one per pool, and one
 * per cluster the catalog has no entity of. Names are assigned over the
 * whole set (pools and clusters share the Resource kind and namespace), so
 * the same pools always give the same entities.
 */
export function desiredEntities(
  pools: Iterable<PoolListItem>,
  catalogClusters: readonly CatalogClusterEntity[],
  context: EntityContext,
): Map<string, Entity> {
  const groups = [...groupByCluster(pools).values()];
  const requests: NameRequest[] = [];
  const matched = new Map<string, string>();
  for (const group of groups) {
    const existing = findClusterEntity(group.identity, catalogClusters);
    if (existing) {
      matched.set(group.ref, existing.entityRef);
    } else {
      requests.push({ id: `cluster:${group.ref}`, text: group.identity.cluster, fallback: 'cluster' });
    }
    for (const pool of group.pools) {
      requests.push({ id: `pool:${pool.ref}`, text: `${pool.cluster}-${pool.name}`, fallback: 'pool' });
    }
  }
  const names = assignNames(requests);
  const entities = new Map<string, Entity>();
  const add = (entity: Entity) => entities.set(stringifyEntityRef(entity), entity);
  for (const group of groups) {
    let clusterEntityRef = matched.get(group.ref);
    if (!clusterEntityRef) {
      const cluster = clusterEntity(group, names.get(`cluster:${group.ref}`)!, context);
      add(cluster);
      clusterEntityRef = stringifyEntityRef(cluster);
    }
    for (const pool of group.pools) {
      add(poolEntity(pool, { entity: names.get(`pool:${pool.ref}`)!, clusterEntityRef }, context));
    }
  }
  return entities;
}
