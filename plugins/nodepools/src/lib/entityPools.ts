import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { PoolQuery } from '@nodepools/plugin-nodepools-common';

/** The `spec.type` of catalog resources that stand for a Kubernetes cluster. */
export const KUBERNETES_CLUSTER_TYPE = 'kubernetes-cluster';

/**
 * The pools an entity has: those a group owns, or those of the cluster a
 * `kubernetes-cluster` resource stands for (matched by the entity's name).
 */
export function entityPoolQuery(entity: Entity): PoolQuery | undefined {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'group') {
    // Owners are stored the way `toOwnerRef` writes them: lower case.
    return { owner: [stringifyEntityRef(entity).toLocaleLowerCase('en-US')] };
  }
  if (kind === 'resource' && entity.spec?.type === KUBERNETES_CLUSTER_TYPE) {
    return { cluster: [entity.metadata.name] };
  }
  return undefined;
}

/** Whether the entity card has something to show; for `EntitySwitch` and card filters. */
export function isNodePoolsAvailable(entity: Entity): boolean {
  return entityPoolQuery(entity) !== undefined;
}
