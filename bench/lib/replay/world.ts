/**
 * The fleet the live-sync benchmark's replay server answers for: EKS
 * clusters with managed node groups, and each cluster's own nodes and pods.
 * Everything is derived from indexes, so the server builds each answer when
 * it is asked for and holds no node in memory.
 */

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** The shape of every cluster: 5 node groups, so 2,000 clusters hold 10,000 pools. */
export const POOL_KINDS = [
  { name: 'system', instanceType: 'm6i.large', arch: 'amd64', capacity: 'ON_DEMAND', taint: undefined },
  { name: 'general', instanceType: 'm6i.2xlarge', arch: 'amd64', capacity: 'ON_DEMAND', taint: undefined },
  {
    name: 'spot',
    instanceType: 'm5.xlarge',
    arch: 'amd64',
    capacity: 'SPOT',
    taint: { key: 'spot', value: 'true' },
  },
  {
    name: 'gpu',
    instanceType: 'g5.xlarge',
    arch: 'amd64',
    capacity: 'ON_DEMAND',
    taint: { key: 'nvidia.com/gpu', value: 'present' },
  },
  { name: 'arm', instanceType: 'm7g.xlarge', arch: 'arm64', capacity: 'ON_DEMAND', taint: undefined },
] as const;

export type PoolKind = (typeof POOL_KINDS)[number];

/** Which pools the "1% change" touches: names of the pools, per cluster index. */
export const RAISED_POOL = 'general';
export const SHRUNK_POOL = 'spot';

export interface FleetShape {
  clusters: number;
  nodesPerPool: number;
  podsPerNode: number;
}

export interface FleetChange {
  /** Clusters whose `general` node group gets a higher autoscaler maximum. */
  raisedMax: number;
  /** Clusters whose `spot` pool loses one node (a reclaimed instance) and its pods. */
  lostNode: number;
}

export const NO_CHANGE: FleetChange = { raisedMax: 0, lostNode: 0 };

/**
 * `count` cluster indexes spread evenly over `clusters`, shifted by half a
 * step so that two spreads of similar sizes do not pick the same clusters.
 */
function spread(clusters: number, count: number, shifted: boolean): Set<number> {
  const picked = new Set<number>();
  if (count <= 0) return picked;
  const step = clusters / Math.min(count, clusters);
  for (let i = 0; i < Math.min(count, clusters); i++) {
    picked.add(Math.floor(i * step + (shifted ? step / 2 : 0)) % clusters);
  }
  return picked;
}

export function clusterName(index: number): string {
  return `live-${String(index).padStart(5, '0')}`;
}

/** The cluster index of a name this fleet gave out, else undefined. */
export function clusterIndex(name: string, shape: FleetShape): number | undefined {
  const match = /^live-(\d{5})$/.exec(name);
  if (!match) return undefined;
  const index = Number(match[1]);
  return index < shape.clusters ? index : undefined;
}

export function poolKind(name: string): PoolKind | undefined {
  return POOL_KINDS.find(kind => kind.name === name);
}

/** The fleet in one state: the base, or the base with a change applied. */
export class Fleet {
  readonly shape: FleetShape;
  private raised = new Set<number>();
  private shrunk = new Set<number>();

  constructor(shape: FleetShape) {
    for (const [key, value] of Object.entries(shape)) {
      if (!Number.isInteger(value) || value < 1) {
        throw new TypeError(`fleet shape '${key}' must be a positive integer, got ${value}`);
      }
    }
    if (shape.clusters > 99_999) {
      throw new TypeError(`fleet shape 'clusters' must be at most 99,999, got ${shape.clusters}`);
    }
    this.shape = shape;
  }

  get poolCount(): number {
    return this.shape.clusters * POOL_KINDS.length;
  }

  get nodeCount(): number {
    return this.poolCount * this.shape.nodesPerPool;
  }

  apply(change: FleetChange): void {
    this.raised = spread(this.shape.clusters, change.raisedMax, false);
    this.shrunk = spread(this.shape.clusters, change.lostNode, true);
  }

  maxSize(cluster: number, pool: PoolKind): number {
    const base = this.shape.nodesPerPool + 10;
    return pool.name === RAISED_POOL && this.raised.has(cluster) ? base + 10 : base;
  }

  /** Nodes of one pool of one cluster that are up. */
  nodesOf(cluster: number, pool: PoolKind): number {
    const lost = pool.name === SHRUNK_POOL && this.shrunk.has(cluster) ? 1 : 0;
    return this.shape.nodesPerPool - lost;
  }

  /**
   * The cluster's nodes in listing order, as (pool, index in pool) pairs
   * from `offset`, at most `limit` of them, without building the list.
   */
  *nodeSlots(cluster: number, offset: number, limit: number): Generator<[PoolKind, number]> {
    let position = 0;
    let yielded = 0;
    for (const pool of POOL_KINDS) {
      const count = this.nodesOf(cluster, pool);
      if (position + count <= offset) {
        position += count;
        continue;
      }
      for (let n = Math.max(0, offset - position); n < count; n++) {
        if (yielded === limit) return;
        yield [pool, n];
        yielded++;
      }
      position += count;
    }
  }

  nodesInCluster(cluster: number): number {
    return POOL_KINDS.reduce((sum, pool) => sum + this.nodesOf(cluster, pool), 0);
  }
}

/** Unique within its cluster, which is all a node name needs to be. */
export function nodeName(poolIndex: number, n: number): string {
  return `ip-10-${poolIndex}-${Math.floor(n / 250)}-${n % 250}.ec2.internal`;
}

export function zoneOf(n: number): string {
  return ZONES[n % ZONES.length];
}
