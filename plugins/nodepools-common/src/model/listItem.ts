import type { NodePool, ObservedNodes } from './pool';

/** What a pool card shows of the nodes the cluster itself reports. */
export type ObservedNodeCounts = Pick<
  ObservedNodes,
  'nodeCount' | 'readyCount' | 'allocatable' | 'requested'
>;

/**
 * The fields of a pool that `GET /pools` lists: what a pool card or a
 * table row shows. The pool page reads the rest (labels, tags, zones,
 * requirements, the observed details, the raw record) from
 * `GET /pools/:ref`. Every `NodePool` is a `PoolListItem`.
 */
export interface PoolListItem
  extends Pick<
    NodePool,
    | 'ref'
    | 'provider'
    | 'account'
    | 'region'
    | 'cluster'
    | 'name'
    | 'mode'
    | 'os'
    | 'arch'
    | 'machineTypes'
    | 'capacityType'
    | 'nodeCount'
    | 'autoscaling'
    | 'taints'
    | 'kubernetesVersion'
    | 'state'
    | 'owner'
    | 'ownerSource'
    | 'ownerStatus'
    | 'source'
    | 'lastSeenAt'
    | 'stale'
    | 'staleReason'
    | 'tombstonedAt'
  > {
  observed?: ObservedNodeCounts;
}

/**
 * The fields of a list item that are derived when it is read (from its
 * source's and scope's sync state, the clock, and what the catalog last
 * said of its owner) rather than stored with it.
 */
export type PoolListReadFields =
  | 'lastSeenAt'
  | 'stale'
  | 'staleReason'
  | 'tombstonedAt'
  | 'ownerStatus';

/** The part of a list item that changes only when the pool or its observed nodes do. */
export type PoolListDocument = Omit<PoolListItem, PoolListReadFields>;

/** The stored part of a pool's list item, in the order it is listed. */
export function toPoolListDocument(
  pool: Omit<NodePool, 'lastSeenAt' | 'stale' | 'firstSeenAt'>,
): PoolListDocument {
  const doc: PoolListDocument = {
    ref: pool.ref,
    provider: pool.provider,
    cluster: pool.cluster,
    name: pool.name,
    mode: pool.mode,
    os: pool.os,
    machineTypes: pool.machineTypes,
    capacityType: pool.capacityType,
    autoscaling: pool.autoscaling,
    taints: pool.taints,
    source: pool.source,
  };
  if (pool.account !== undefined) doc.account = pool.account;
  if (pool.region !== undefined) doc.region = pool.region;
  if (pool.arch !== undefined) doc.arch = pool.arch;
  if (pool.nodeCount !== undefined) doc.nodeCount = pool.nodeCount;
  if (pool.kubernetesVersion !== undefined) doc.kubernetesVersion = pool.kubernetesVersion;
  if (pool.state !== undefined) doc.state = pool.state;
  if (pool.owner !== undefined) doc.owner = pool.owner;
  if (pool.ownerSource !== undefined) doc.ownerSource = pool.ownerSource;
  if (pool.observed) {
    const { nodeCount, readyCount, allocatable, requested } = pool.observed;
    doc.observed = { nodeCount, readyCount, allocatable, requested };
  }
  return doc;
}

/** A pool as `GET /pools` lists it. */
export function toPoolListItem(pool: NodePool): PoolListItem {
  const item: PoolListItem = {
    ...toPoolListDocument(pool),
    lastSeenAt: pool.lastSeenAt,
    stale: pool.stale,
  };
  if (pool.staleReason !== undefined) item.staleReason = pool.staleReason;
  if (pool.tombstonedAt !== undefined) item.tombstonedAt = pool.tombstonedAt;
  if (pool.ownerStatus !== undefined) item.ownerStatus = pool.ownerStatus;
  return item;
}
