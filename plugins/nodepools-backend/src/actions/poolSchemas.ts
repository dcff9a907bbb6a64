import {
  ARCHITECTURES,
  CAPACITY_TYPES,
  HISTORY_EVENTS,
  OPERATING_SYSTEMS,
  OWNER_SOURCES,
  POOL_MODES,
  PROVIDERS,
  TAINT_EFFECTS,
  type NodePool,
  type PoolListItem,
  type PoolHistoryEntry,
} from '@nodepools/plugin-nodepools-common';
import type { Zod } from './zod';

/** A pool in a list: what tells pools apart and how big they are. */
export function poolSummarySchema(z: Zod) {
  return z.object({
    ref: z.string().describe('Pool ref: provider/account/region/cluster/name'),
    name: z.string(),
    provider: z.enum(PROVIDERS),
    account: z.string().optional(),
    region: z.string().optional(),
    cluster: z.string(),
    owner: z.string().optional().describe('Catalog entity ref of the owner'),
    ownerSource: z.enum(OWNER_SOURCES).optional(),
    mode: z.enum(POOL_MODES),
    capacityType: z.enum(CAPACITY_TYPES),
    os: z.enum(OPERATING_SYSTEMS),
    arch: z.enum(ARCHITECTURES).optional(),
    machineTypes: z.array(z.string()),
    nodeCount: z.number().optional().describe("The provider's desired node count"),
    autoscaling: z.object({
      enabled: z.boolean(),
      min: z.number().optional(),
      max: z.number().optional(),
    }),
    readyNodes: z
      .number()
      .optional()
      .describe('Ready nodes the cluster itself reports, when its nodes are read'),
    stale: z.boolean().describe('True when the data may be out of date'),
    staleReason: z.string().optional(),
    tombstonedAt: z.string().optional().describe('When the pool was last seen gone'),
  });
}

/** A pool with every normalized field (not its raw provider record). */
export function poolDetailSchema(z: Zod) {
  return poolSummarySchema(z).extend({
    labels: z.record(z.string()),
    taints: z.array(
      z.object({ key: z.string(), value: z.string().optional(), effect: z.enum(TAINT_EFFECTS) }),
    ),
    zones: z.array(z.string()),
    tags: z.record(z.string()),
    kubernetesVersion: z.string().optional(),
    nodeImageVersion: z.string().optional(),
    state: z.string().optional(),
    limits: z.record(z.string()).optional(),
    maxPodsPerNode: z.number().optional(),
    diskSizeGb: z.number().optional(),
    observed: z
      .object({
        nodeCount: z.number(),
        readyCount: z.number(),
        kubeletVersions: z.array(z.string()),
        zones: z.array(z.string()),
        allocatable: z.record(z.number().optional()),
        requested: z.record(z.number().optional()),
        observedAt: z.string(),
      })
      .optional()
      .describe("What the cluster reports about the pool's nodes; cpu in cores, memory in bytes"),
    source: z.string().describe('The source that last reported the pool'),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
  });
}

export function historyEntrySchema(z: Zod) {
  return z.object({
    at: z.string(),
    event: z.enum(HISTORY_EVENTS),
    source: z.string(),
    changes: z.array(
      z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }),
    ),
  });
}

/** Keys whose value is undefined are left out, so that outputs are plain JSON. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

export function toPoolSummary(pool: PoolListItem) {
  return defined({
    ref: pool.ref,
    name: pool.name,
    provider: pool.provider,
    account: pool.account,
    region: pool.region,
    cluster: pool.cluster,
    owner: pool.owner,
    ownerSource: pool.ownerSource,
    mode: pool.mode,
    capacityType: pool.capacityType,
    os: pool.os,
    arch: pool.arch,
    machineTypes: pool.machineTypes,
    nodeCount: pool.nodeCount,
    autoscaling: pool.autoscaling,
    readyNodes: pool.observed?.readyCount,
    stale: pool.stale,
    staleReason: pool.staleReason,
    tombstonedAt: pool.tombstonedAt,
  });
}

export function toPoolDetail(pool: NodePool) {
  return defined({
    ...toPoolSummary(pool),
    labels: pool.labels,
    taints: pool.taints,
    zones: pool.zones,
    tags: pool.tags,
    kubernetesVersion: pool.kubernetesVersion,
    nodeImageVersion: pool.nodeImageVersion,
    state: pool.state,
    limits: pool.limits,
    maxPodsPerNode: pool.maxPodsPerNode,
    diskSizeGb: pool.diskSizeGb,
    observed: pool.observed && {
      nodeCount: pool.observed.nodeCount,
      readyCount: pool.observed.readyCount,
      kubeletVersions: pool.observed.kubeletVersions,
      zones: pool.observed.zones,
      allocatable: pool.observed.allocatable,
      requested: pool.observed.requested,
      observedAt: pool.observed.observedAt,
    },
    source: pool.source,
    firstSeenAt: pool.firstSeenAt,
    lastSeenAt: pool.lastSeenAt,
  });
}

export function toHistoryEntry(entry: PoolHistoryEntry) {
  return { at: entry.at, event: entry.event, source: entry.source, changes: entry.changes };
}
