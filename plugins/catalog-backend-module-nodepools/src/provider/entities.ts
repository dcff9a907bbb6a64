import type { Entity } from '@backstage/catalog-model';
import {
  clusterOfPool,
  clusterRef,
  KUBERNETES_CLUSTER_ENTITY_TYPE,
  NODE_POOL_ENTITY_TYPE,
  NODEPOOLS_ANNOTATIONS,
  NODEPOOLS_LABELS,
  NODEPOOLS_LOCATION_TYPE,
  providerProfile,
  type ClusterIdentity,
  type PoolListItem,
} from '@nodepools/plugin-nodepools-common';

/** What every entity of one provider shares. */
export interface EntityContext {
  providerName: string;
  namespace: string;
  /** `app.baseUrl` plus where the nodepools page is mounted, without a trailing slash. */
  pageUrl: string;
  defaultOwner: string;
}

function where(identity: ClusterIdentity): string {
  const parts = [
    identity.region,
    identity.account ? `account ${identity.account}` : undefined,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function managedBy(context: EntityContext): Record<string, string> {
  const location = `${NODEPOOLS_LOCATION_TYPE}:${context.providerName}`;
  return {
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
  };
}

/** The pool's page of the nodepools plugin. */
export function poolPageUrl(context: EntityContext, ref: string): string {
  return `${context.pageUrl}/pools/${encodeURIComponent(ref)}`;
}

/**
 * A live pool as a catalog Resource of type `node-pool`, owned by its
 * owner (or the configured default), a dependency of its cluster's
 * entity, with annotations that link back and its main facts as labels.
 */
export function poolEntity(
  pool: PoolListItem,
  names: { entity: string; clusterEntityRef: string },
  context: EntityContext,
): Entity {
  const profile = providerProfile(pool.provider);
  const page = poolPageUrl(context, pool.ref);
  const console = profile.consoleUrl({
    cluster: pool.cluster,
    name: pool.name,
    ...(pool.account ? { account: pool.account } : {}),
    ...(pool.region ? { region: pool.region } : {}),
  });
  const annotations: Record<string, string> = {
    ...managedBy(context),
    'backstage.io/view-url': page,
    [NODEPOOLS_ANNOTATIONS.poolRef]: pool.ref,
    [NODEPOOLS_ANNOTATIONS.clusterRef]: clusterRef(clusterOfPool(pool)),
  };
  if (pool.ownerSource) annotations[NODEPOOLS_ANNOTATIONS.ownerSource] = pool.ownerSource;
  if (console) annotations[NODEPOOLS_ANNOTATIONS.consoleUrl] = console;
  const links = [{ url: page, title: 'Node pool page', icon: 'dashboard' }];
  if (console) links.push({ url: console, title: `${profile.displayName} console`, icon: 'cloud' });
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: names.entity,
      namespace: context.namespace,
      title: pool.name,
      description: `${profile.displayName} node pool of cluster ${pool.cluster}${where(clusterOfPool(pool))}`,
      annotations,
      labels: {
        [NODEPOOLS_LABELS.provider]: pool.provider,
        [NODEPOOLS_LABELS.mode]: pool.mode,
        [NODEPOOLS_LABELS.capacityType]: pool.capacityType,
      },
      links,
    },
    spec: {
      type: NODE_POOL_ENTITY_TYPE,
      owner: pool.owner ?? context.defaultOwner,
      dependencyOf: [names.clusterEntityRef],
    },
  };
}

/** The owner most of the pools share (ties: the first in order), else the default. */
function majorityOwner(pools: PoolListItem[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const pool of pools) {
    if (pool.owner) counts.set(pool.owner, (counts.get(pool.owner) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (!best || entry[1] > best[1]) best = entry;
  }
  return best?.[0] ?? fallback;
}

/**
 * A cluster the catalog has no entity of, as a Resource of type
 * `kubernetes-cluster`, owned by whoever owns most of its pools.
 */
export function clusterEntity(
  cluster: { ref: string; identity: ClusterIdentity; pools: PoolListItem[] },
  name: string,
  context: EntityContext,
): Entity {
  const profile = providerProfile(cluster.identity.provider);
  const list = `${context.pageUrl}/pools?${new URLSearchParams({ cluster: cluster.identity.cluster })}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: context.namespace,
      title: cluster.identity.cluster,
      description: `${profile.displayName} cluster ${cluster.identity.cluster}${where(cluster.identity)}`,
      annotations: {
        ...managedBy(context),
        'backstage.io/view-url': list,
        [NODEPOOLS_ANNOTATIONS.clusterRef]: cluster.ref,
      },
      labels: { [NODEPOOLS_LABELS.provider]: cluster.identity.provider },
      links: [{ url: list, title: 'Node pools of the cluster', icon: 'dashboard' }],
    },
    spec: {
      type: KUBERNETES_CLUSTER_ENTITY_TYPE,
      owner: majorityOwner(cluster.pools, context.defaultOwner),
    },
  };
}
