import { clusterOfPool, findClusterEntity } from '@nodepools/plugin-nodepools-common';
import type { OwnerHints } from '../inventory/ownership';
import type { OwnerStore } from '../store/owners/OwnerStore';

/**
 * The owners a sync takes from the catalog: the owner of the catalog
 * entity that stands for a pool's cluster, as the ownership task last
 * read them (so a sync never waits on the catalog).
 */
export function catalogOwnerHints(owners: Pick<OwnerStore, 'listCatalogClusters'>) {
  return async (): Promise<OwnerHints> => {
    const entities = (await owners.listCatalogClusters()).filter(entity => entity.owner);
    if (!entities.length) return {};
    return {
      clusterOwner: pool => findClusterEntity(clusterOfPool(pool), entities)?.owner,
    };
  };
}
