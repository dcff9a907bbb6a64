import {
  clustersAgree,
  parseClusterSelector,
  type ClusterIdentity,
} from './cluster';
import type { HistoryEvent } from './history';

/** `spec.type` of the catalog Resource that stands for a node pool. */
export const NODE_POOL_ENTITY_TYPE = 'node-pool';

/** `spec.type` of the catalog Resource that stands for a Kubernetes cluster. */
export const KUBERNETES_CLUSTER_ENTITY_TYPE = 'kubernetes-cluster';

/** Annotations the nodepools catalog module writes, and reads on entities others write. */
export const NODEPOOLS_ANNOTATIONS = {
  /** The pool ref of a node-pool Resource. */
  poolRef: 'nodepools.io/pool-ref',
  /**
   * The cluster of a Resource: a cluster ref (`eks/111122223333/us-east-1/prod`),
   * a ref with unknown parts (`kubernetes/-/-/prod`), or a bare cluster name.
   * On a `kubernetes-cluster` Resource of the catalog's own, it says which
   * cluster of the inventory the entity stands for.
   */
  clusterRef: 'nodepools.io/cluster-ref',
  /** Where a pool's owner came from: tag, label, config, request or catalog. */
  ownerSource: 'nodepools.io/owner-source',
  /** The pool's page in its cloud's console. */
  consoleUrl: 'nodepools.io/console-url',
} as const;

/**
 * The annotation Backstage's Kubernetes plugin puts on entities to name the
 * cluster they run in; on a `kubernetes-cluster` Resource it names the
 * cluster the entity stands for, when `nodepools.io/cluster-ref` is absent.
 */
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

/** The pool's main facts as catalog labels, for filtering the catalog. */
export const NODEPOOLS_LABELS = {
  provider: 'nodepools.io/provider',
  mode: 'nodepools.io/mode',
  capacityType: 'nodepools.io/capacity-type',
} as const;

/**
 * Location type of the entities the nodepools catalog module emits
 * (`backstage.io/managed-by-origin-location: nodepools:<provider name>`),
 * which tells them apart from the catalog's own cluster entities.
 */
export const NODEPOOLS_LOCATION_TYPE = 'nodepools';

/** Whether an entity's origin location says the nodepools catalog module emitted it. */
export function isEmittedByNodePools(annotations: Record<string, string> | undefined): boolean {
  const origin = annotations?.['backstage.io/managed-by-origin-location'];
  return origin?.startsWith(`${NODEPOOLS_LOCATION_TYPE}:`) ?? false;
}

/**
 * The cluster a catalog entity says it stands for: its
 * `nodepools.io/cluster-ref`, else its `backstage.io/kubernetes-cluster`
 * (a name). Undefined when it has neither, or the value cannot be read.
 */
export function clusterOfEntity(
  annotations: Record<string, string> | undefined,
): ClusterIdentity | undefined {
  const value =
    annotations?.[NODEPOOLS_ANNOTATIONS.clusterRef]?.trim() ||
    annotations?.[KUBERNETES_CLUSTER_ANNOTATION]?.trim();
  if (!value) return undefined;
  try {
    return parseClusterSelector(value);
  } catch {
    return undefined;
  }
}

/**
 * The cluster a catalog `kubernetes-cluster` Resource stands for: the
 * cluster its annotations name, else (as the Kubernetes plugin's catalog
 * cluster locator has it) the cluster named like the entity.
 */
export function clusterOfClusterEntity(entity: {
  metadata: { name: string; annotations?: Record<string, string> };
}): ClusterIdentity {
  return (
    clusterOfEntity(entity.metadata.annotations) ?? {
      provider: 'kubernetes',
      cluster: entity.metadata.name,
    }
  );
}

/** How much a cluster selector says: a full ref beats a bare name. */
function specificity(c: ClusterIdentity): number {
  return (c.provider === 'kubernetes' ? 0 : 1) + (c.account ? 1 : 0) + (c.region ? 1 : 0);
}

/** A catalog entity that stands for a cluster, as matching needs it. */
export interface CatalogClusterEntity {
  /** The entity's ref, `resource:default/payments-prod`. */
  entityRef: string;
  /** The cluster its annotation names. */
  cluster: ClusterIdentity;
  /** Its `spec.owner`, as an entity ref. */
  owner?: string;
}

/**
 * The catalog entity that stands for a cluster of the inventory: among
 * those whose annotation agrees with it (same name; same provider, account
 * and region wherever both say them), the one that says most; ties go to
 * the first entity ref in order, so every reader picks the same one.
 */
export function findClusterEntity<T extends CatalogClusterEntity>(
  cluster: ClusterIdentity,
  entities: readonly T[],
): T | undefined {
  let best: T | undefined;
  for (const entity of entities) {
    if (!clustersAgree(cluster, entity.cluster)) continue;
    if (
      !best ||
      specificity(entity.cluster) > specificity(best.cluster) ||
      (specificity(entity.cluster) === specificity(best.cluster) &&
        entity.entityRef < best.entityRef)
    ) {
      best = entity;
    }
  }
  return best;
}

/** One pool change of the history, as the change feed lists it. */
export interface PoolChange {
  /** The history row's id: increasing in the order the changes were committed. */
  id: number;
  ref: string;
  event: HistoryEvent;
}

/**
 * `GET /pools/changes?after=<id>`: the changes after `after`, oldest
 * first, and the newest history id. When the last item's id is below
 * `latest`, more changes follow: ask again after it. Without `after`, no
 * items: `latest` is where a reader that has just read every pool starts.
 */
export interface PoolChangesResponse {
  items: PoolChange[];
  latest: number;
}

/** `POST /pools/by-ref`: pools by their refs, tombstoned ones included; at most this many. */
export const MAX_POOLS_BY_REF = 500;

export interface PoolsByRefRequest {
  refs: string[];
}
