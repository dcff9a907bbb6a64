import {
  RELATION_HAS_PART,
  RELATION_PARENT_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  clusterOfClusterEntity,
  KUBERNETES_CLUSTER_ENTITY_TYPE,
  workloadQueryOfEntity,
  type ClusterIdentity,
  type PoolQuery,
} from '@nodepools/plugin-nodepools-common';

/** The `spec.type` of catalog resources that stand for a Kubernetes cluster. */
export const KUBERNETES_CLUSTER_TYPE = KUBERNETES_CLUSTER_ENTITY_TYPE;

const kindOf = (entity: Entity) => entity.kind.toLocaleLowerCase('en-US');

export function isGroupEntity(entity: Entity): boolean {
  return kindOf(entity) === 'group';
}

export function isClusterEntity(entity: Entity): boolean {
  return kindOf(entity) === 'resource' && entity.spec?.type === KUBERNETES_CLUSTER_TYPE;
}

/**
 * A Component whose annotations name its workload (`backstage.io/kubernetes-id`
 * or `backstage.io/kubernetes-label-selector`), or a System (whose
 * components do).
 */
export function isWorkloadEntity(entity: Entity): boolean {
  const kind = kindOf(entity);
  if (kind === 'system') return true;
  return kind === 'component' && workloadQueryOfEntity(entity.metadata.annotations) !== undefined;
}

/** Whether one of the entity cards has something to show; for `EntitySwitch` and card filters. */
export function isNodePoolsAvailable(entity: Entity): boolean {
  return isGroupEntity(entity) || isClusterEntity(entity) || isWorkloadEntity(entity);
}

/** Pools owned by any of these groups (owners are stored lower case, as refs compare). */
export function ownerPoolQuery(groupRefs: string[]): PoolQuery {
  return { owner: groupRefs.map(ref => ref.toLocaleLowerCase('en-US')) };
}

/**
 * The pools of a cluster, as far as `GET /pools` can filter: its name, and
 * its region when known. Pools of another account are told apart by
 * `clustersAgree` on the page.
 */
export function clusterPoolQuery(cluster: ClusterIdentity): PoolQuery {
  return { cluster: [cluster.cluster], ...(cluster.region ? { region: [cluster.region] } : {}) };
}

/** The cluster a `kubernetes-cluster` Resource stands for. */
export function clusterOfEntityPage(entity: Entity): ClusterIdentity {
  return clusterOfClusterEntity(entity);
}

/**
 * The pools an entity has: those a group owns, or those of the cluster a
 * `kubernetes-cluster` resource stands for.
 */
export function entityPoolQuery(entity: Entity): PoolQuery | undefined {
  if (isGroupEntity(entity)) return ownerPoolQuery([stringifyEntityRef(entity)]);
  if (isClusterEntity(entity)) return clusterPoolQuery(clusterOfEntityPage(entity));
  return undefined;
}

function relationTargets(entity: Entity, type: string, kind: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type && r.targetRef.startsWith(`${kind}:`))
    .map(r => r.targetRef);
}

/** The refs of a group's direct child groups. */
export function childGroupRefs(entity: Entity): string[] {
  return relationTargets(entity, RELATION_PARENT_OF, 'group');
}

/** The refs of a system's components. */
export function systemComponentRefs(entity: Entity): string[] {
  return relationTargets(entity, RELATION_HAS_PART, 'component');
}
