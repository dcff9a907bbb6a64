import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  clusterOfClusterEntity,
  isEmittedByNodePools,
  KUBERNETES_CLUSTER_ENTITY_TYPE,
  type CatalogClusterEntity,
} from '@nodepools/plugin-nodepools-common';

/**
 * The catalog's own `kubernetes-cluster` Resources (not those a nodepools
 * provider emitted), each with the cluster it stands for: its
 * `nodepools.io/cluster-ref` annotation, else `backstage.io/kubernetes-cluster`,
 * else its name. A cluster with one gets no entity of the provider's.
 */
export async function readCatalogClusters(
  catalog: CatalogService,
  auth: AuthService,
): Promise<CatalogClusterEntity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Resource', 'spec.type': KUBERNETES_CLUSTER_ENTITY_TYPE },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations'],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items
    .filter(entity => !isEmittedByNodePools(entity.metadata.annotations))
    .map(entity => ({ entityRef: stringifyEntityRef(entity), cluster: clusterOfClusterEntity(entity) }))
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}
