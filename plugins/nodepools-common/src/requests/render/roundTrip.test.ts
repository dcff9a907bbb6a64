import { readDesired } from '../../desired/read';
import type { DesiredPool } from '../../desired/types';
import { parseClusterRef } from '../../model/cluster';
import { poolRef } from '../../model/pool';
import { REQUEST_KIND_PROFILES, REQUEST_KINDS, type RequestKind } from '../kinds';
import type { PoolRequestSpec } from '../types';
import { parseHcl } from '../__testUtils__/hcl';
import { makeRequestSpec } from '../__testUtils__/specs';
import { renderRequest, requestDesiredPool } from './index';

/*
 * The rendered Terraform, read as `terraform show -json` of a plan would
 * hold it, must read back through the drift readers into the request's
 * desired pool, with the spec's values: what the approvers saw is what
 * drift compares against.
 */

/** Nested blocks a plan lists as [] when the configuration has none (the providers' schemas). */
const SCHEMA_BLOCKS: Record<string, string[]> = {
  aws_eks_node_group: ['taint', 'scaling_config'],
  google_container_node_pool: ['autoscaling', 'node_config', 'node_config.taint'],
  azurerm_kubernetes_cluster_node_pool: [],
  digitalocean_kubernetes_node_pool: ['taint'],
  kubernetes_manifest: [],
};

function planned(values: Record<string, unknown>, blocks: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const reference = value && typeof value === 'object' && 'reference' in value ? (value as { reference: string }).reference : undefined;
    if (reference?.startsWith('var.')) continue;
    out[key] = reference ?? value;
  }
  for (const path of blocks) {
    const [outer, inner] = path.split('.');
    if (!inner) out[outer] ??= [];
    else for (const item of (out[outer] ?? []) as Record<string, unknown>[]) item[inner] ??= [];
  }
  return out;
}

function readRenderedTerraform(spec: PoolRequestSpec, id: string): DesiredPool {
  const hcl = renderRequest(spec).terraform.text;
  const [resource] = parseHcl(hcl).resources.filter(r => r.kind === 'resource');
  const plan = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          { address: `${resource.type}.${resource.name}`, mode: 'managed', type: resource.type, name: resource.name, values: planned(resource.values, SCHEMA_BLOCKS[resource.type]) },
        ],
      },
    },
  };
  const cluster = parseClusterRef(spec.cluster);
  const read = readDesired(JSON.stringify(plan), { source: `request:${id}`, cluster: cluster.cluster, region: cluster.region, account: cluster.account, override: true });
  expect(read.pools).toHaveLength(1);
  return read.pools[0];
}

function expectSpecValues(pool: DesiredPool, spec: PoolRequestSpec): void {
  const cluster = parseClusterRef(spec.cluster);
  const provider = REQUEST_KIND_PROFILES[spec.kind].provider;
  expect(pool.ref).toBe(poolRef({ ...cluster, provider, name: spec.name }));
  expect(pool.source).toBe('request:r-1');
  expect([...(pool.machineTypes ?? [])].sort()).toEqual([...spec.machineTypes].sort());
  expect(pool.labels).toEqual(spec.labels);
  expect(pool.taints).toEqual(spec.taints);
  // DigitalOcean pools have no capacity type or OS setting: on-demand Linux.
  if (spec.kind !== 'doks-node-pool') {
    expect(pool.capacityType).toBe(spec.capacityType);
    expect(pool.os).toBe(spec.os);
  }
  if (spec.zones.length) expect(pool.zones).toEqual([...spec.zones].sort());
  if (spec.kind === 'aks-node-pool') expect(pool.mode).toBe(spec.mode ?? 'user');
  if (spec.kind === 'karpenter-nodepool') {
    expect(Number(pool.limits?.cpu)).toBeGreaterThan(0);
  } else if (spec.autoscaling) {
    expect(pool.autoscaling).toEqual({ enabled: true, min: spec.autoscaling.min, max: spec.autoscaling.max });
  } else {
    expect(pool.nodeCount).toBe(spec.nodeCount);
  }
  if (spec.maxPodsPerNode !== undefined) expect(pool.maxPodsPerNode).toBe(spec.maxPodsPerNode);
  if (spec.diskSizeGb !== undefined) expect(pool.diskSizeGb).toBe(spec.diskSizeGb);
}

const VARIANTS: Array<[string, RequestKind, Partial<PoolRequestSpec>]> = [
  ...REQUEST_KINDS.map(kind => ['as made', kind, {}] as [string, RequestKind, Partial<PoolRequestSpec>]),
  ['fixed size, spot', 'eks-managed-node-group', { autoscaling: undefined, nodeCount: 3, capacityType: 'spot', taints: [] }],
  ['autoscaled, no taints', 'gke-node-pool', { nodeCount: undefined, autoscaling: { min: 3, max: 9 }, capacityType: 'spot', taints: [{ key: 'spot', effect: 'NoSchedule' }] }],
  ['fixed user pool on spot', 'aks-node-pool', { autoscaling: undefined, nodeCount: 2, mode: 'user', capacityType: 'spot', os: 'windows', name: 'win1' }],
  ['autoscaled', 'doks-node-pool', { nodeCount: undefined, autoscaling: { min: 1, max: 4 }, taints: [] }],
  ['mixed capacity on arm', 'karpenter-nodepool', { capacityType: 'mixed', machineTypes: ['m7g.large'], zones: [] }],
];

describe.each(VARIANTS)('rendered Terraform of a %s %s request', (_what, kind, overrides) => {
  const spec = makeRequestSpec(kind, overrides);

  it('reads back through the drift readers into the same desired pool, with the spec values', () => {
    const fromHcl = readRenderedTerraform(spec, 'r-1');
    const desired = requestDesiredPool({ id: 'r-1', spec });
    // A data source's id is known at apply time only: the desired pool names the cluster instead.
    expect({ ...fromHcl, target: undefined }).toEqual({ ...desired, target: undefined });
    expect(desired.target?.clusterId).toBe(kind === 'doks-node-pool' ? parseClusterRef(spec.cluster).cluster : fromHcl.target?.clusterId);
    expectSpecValues(desired, spec);
  });
});

describe('the Karpenter manifest', () => {
  it('reads back through the manifest reader into the desired pool', () => {
    const spec = makeRequestSpec('karpenter-nodepool');
    const manifest = renderRequest(spec).manifest!;
    expect(manifest.kind).toBe('yaml');
    const read = readDesired(manifest.text, { source: 'request:r-1', cluster: 'payments-prod', region: 'eu-west-1', account: '111122223333', override: true });
    const desired = requestDesiredPool({ id: 'r-1', spec });
    expect(read.pools).toHaveLength(1);
    const { address: _a, resourceType: _r, format: _f, declared: _d, ...fromYaml } = read.pools[0];
    const { address: _b, resourceType: _s, format: _g, declared: _e, ...expected } = desired;
    expect(fromYaml).toEqual(expected);
    expect(read.pools[0].limits).toEqual({ cpu: '40' });
  });
});
