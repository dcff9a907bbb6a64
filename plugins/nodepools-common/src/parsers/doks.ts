import type { Autoscaling, PoolSpec } from '../model/pool';
import { RecordReader } from './fields';
import { completePool } from './poolSpec';
import { KUBERNETES_EFFECTS, readTaintList } from './taints';
import type { ExportContext, ItemParser } from './types';

/**
 * DOKS tags every pool `k8s`, `k8s:worker` and `k8s:<cluster id>` itself:
 * they say nothing about the pool (the record keeps them).
 */
function isDoksManagedTag(tag: string): boolean {
  return tag === 'k8s' || tag === 'k8s-worker' || tag.startsWith('k8s:');
}

/**
 * DigitalOcean tags are plain strings; `name:value` tags (the common way to
 * say `owner:team-search`) become a name and a value, others an empty value.
 */
function readTags(r: RecordReader): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of r.stringArray('tags') ?? []) {
    if (isDoksManagedTag(tag)) continue;
    const colon = tag.indexOf(':');
    if (colon > 0) tags[tag.slice(0, colon)] = tag.slice(colon + 1);
    else tags[tag] = '';
  }
  return tags;
}

/**
 * DOKS's autoscaler manages the pool exactly when `auto_scale` is true,
 * within `min_nodes..max_nodes` (equal bounds are a fixed size). With it off
 * the API still returns min_nodes/max_nodes as 0: they are left out.
 */
function autoscaling(r: RecordReader): Autoscaling {
  const min = r.integer('min_nodes');
  const max = r.integer('max_nodes');
  if (!r.boolean('auto_scale')) return { enabled: false };
  return {
    enabled: true,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

/** The distinct states of the pool's nodes (`running`, `provisioning`...) as one string. */
function nodesState(r: RecordReader): string | undefined {
  const states = (r.objectArray('nodes') ?? [])
    .map(node => node.object('status')?.string('state'))
    .filter((s): s is string => !!s);
  return states.length ? [...new Set(states)].sort().join(',') : undefined;
}

/**
 * One DigitalOcean Kubernetes node pool, as the API's `node_pools` list and
 * `node_pool` get bodies and `doctl kubernetes cluster node-pool list -o json`
 * give it. The record names neither its cluster nor its region: both come
 * from the context. DOKS pools are all user, Linux, x86-64 (GPU droplets
 * too), on-demand pools. DOKS documents the Kubernetes version on the
 * cluster; a pool record's own `version`, when it has one, is the pool's.
 */
export const parseDoksNodePool: ItemParser = (
  item: unknown,
  ctx: ExportContext,
): PoolSpec => {
  const r = RecordReader.forItem(item, 'a DigitalOcean node pool');
  const name = r.requiredString('name');
  if (!ctx.cluster) {
    r.report(
      'cluster',
      'a DigitalOcean node pool does not name its cluster: set `cluster` for this file in the source config',
    );
  }
  const size = r.string('size');
  const pool: PoolSpec = {
    provider: 'doks',
    account: ctx.account,
    region: ctx.region,
    cluster: ctx.cluster ?? '',
    name,
    mode: 'user',
    os: 'linux',
    arch: 'amd64',
    machineTypes: size ? [size] : [],
    capacityType: 'on-demand',
    nodeCount: r.integer('count'),
    autoscaling: autoscaling(r),
    labels: r.stringMap('labels') ?? {},
    taints: readTaintList(r, 'taints', KUBERNETES_EFFECTS),
    zones: [],
    kubernetesVersion: r.string('version'),
    state: nodesState(r),
    tags: readTags(r),
    raw: item,
  };
  return completePool(r, pool, ctx);
};
