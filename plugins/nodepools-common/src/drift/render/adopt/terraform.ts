import { formatTaint, type Taint, type TaintEffect } from '../../../model/pool';
import { zoneCount } from '../../compare/scaling';
import type { Resolution } from '../../types';
import { asMap, asNumber, asRange, asStrings, asTaints, perZone, type ResolutionInput } from '../input';
import { commentText, renderHcl, type HclItem, type HclValue } from '../quote';

/*
 * The attribute as it should read in the Terraform resource to match the
 * cloud: one function per resource family, from the pool model back to the
 * provider's attribute names (the azurerm 3.x or 4.x name the state uses).
 */

type Items = HclItem[] | undefined;

const UPPER: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

function taintBlocks(taints: readonly Taint[], upper: boolean): HclItem[] {
  if (!taints.length) return [{ comment: 'no taint blocks' }];
  return taints.map(t => ({
    block: 'taint',
    body: [
      { attr: 'key', value: t.key },
      ...(t.value !== undefined ? [{ attr: 'value', value: t.value }] : []),
      { attr: 'effect', value: upper ? UPPER[t.effect] : t.effect },
    ],
  }));
}

/** The pool's count to write: the finding's cloud value, else the cloud pool's count. */
function cloudCount(input: ResolutionInput): number | undefined {
  return asNumber(input.actual) ?? input.actualPool?.nodeCount;
}

function eks(input: ResolutionInput): Items {
  const range = input.actualPool?.autoscaling;
  switch (input.field) {
    case 'autoscaling':
    case 'nodeCount':
    case 'nodes.count': {
      const count = cloudCount(input);
      const fixed = input.field !== 'autoscaling' ? count : undefined;
      const min = fixed ?? range?.min;
      const max = fixed ?? range?.max;
      if (min === undefined || max === undefined) return undefined;
      return [{ block: 'scaling_config', body: [
        { attr: 'desired_size', value: count ?? min },
        { attr: 'max_size', value: max },
        { attr: 'min_size', value: min },
      ] }];
    }
    case 'labels':
      return [{ attr: 'labels', value: asMap(input.actual) }];
    case 'taints':
      return taintBlocks(asTaints(input.actual), true);
    case 'machineTypes':
      return [{ attr: 'instance_types', value: asStrings(input.actual) }];
    case 'capacityType': {
      const type = { 'on-demand': 'ON_DEMAND', spot: 'SPOT', 'capacity-block': 'CAPACITY_BLOCK' }[String(input.actual)];
      return type ? [{ attr: 'capacity_type', value: type }] : undefined;
    }
    case 'kubernetesVersion':
      return typeof input.actual === 'string' ? [{ attr: 'version', value: input.actual }] : undefined;
    case 'tags':
      return [{ comment: 'owner tags; keep the other tags' }, { attr: 'tags', value: asMap(input.actual) }];
    case 'diskSizeGb':
      return [{ attr: 'disk_size', value: asNumber(input.actual) ?? null }];
    default:
      return undefined;
  }
}

function gke(input: ResolutionInput): Items {
  const zones = input.desiredPool ? zoneCount(input.desiredPool, input.actualPool) : undefined;
  const config = (items: HclItem[]): HclItem[] => [{ block: 'node_config', body: items }];
  switch (input.field) {
    case 'autoscaling': {
      const range = asRange(input.actual);
      if (!range) return undefined;
      if (!range.enabled) return [{ comment: 'no autoscaling block' }];
      const min = perZone(range.min, zones);
      const max = perZone(range.max, zones);
      const body: HclItem[] =
        input.desiredPool?.perZone && min !== undefined && max !== undefined
          ? [{ attr: 'min_node_count', value: min }, { attr: 'max_node_count', value: max }]
          : [{ attr: 'total_min_node_count', value: range.min ?? 0 }, { attr: 'total_max_node_count', value: range.max ?? null }];
      return [{ block: 'autoscaling', body }];
    }
    case 'nodeCount':
    case 'nodes.count': {
      const each = perZone(cloudCount(input), zones);
      return each === undefined ? undefined : [{ comment: 'nodes in each zone' }, { attr: 'node_count', value: each }];
    }
    case 'labels':
      return config([{ attr: 'labels', value: asMap(input.actual) }]);
    case 'taints':
      return config(taintBlocks(asTaints(input.actual), true));
    case 'machineTypes':
      return config([{ attr: 'machine_type', value: asStrings(input.actual)[0] ?? null }]);
    case 'capacityType':
      return config([{ attr: 'spot', value: input.actual === 'spot' }]);
    case 'kubernetesVersion':
      return typeof input.actual === 'string' ? [{ attr: 'version', value: input.actual }] : undefined;
    case 'zones':
    case 'nodes.zones':
      return [{ attr: 'node_locations', value: asStrings(input.actual) }];
    case 'tags':
      return config([{ comment: 'owner labels; keep the other resource labels' }, { attr: 'resource_labels', value: asMap(input.actual) }]);
    case 'maxPodsPerNode':
      return [{ attr: 'max_pods_per_node', value: asNumber(input.actual) ?? null }];
    case 'diskSizeGb':
      return config([{ attr: 'disk_size_gb', value: asNumber(input.actual) ?? null }]);
    default:
      return undefined;
  }
}

function azure(input: ResolutionInput, defaultPool: boolean): Items {
  const declared = input.desiredPool?.declared ?? {};
  switch (input.field) {
    case 'autoscaling': {
      const range = asRange(input.actual);
      const name = declared.autoscaling ?? 'auto_scaling_enabled';
      if (!range) return undefined;
      if (!range.enabled) {
        const count = input.actualPool?.nodeCount;
        return [{ attr: name, value: false }, ...(count !== undefined ? [{ attr: 'node_count', value: count }] : [])];
      }
      return [{ attr: name, value: true }, { attr: 'min_count', value: range.min ?? null }, { attr: 'max_count', value: range.max ?? null }];
    }
    case 'nodeCount':
    case 'nodes.count': {
      const count = cloudCount(input);
      return count === undefined ? undefined : [{ attr: 'node_count', value: count }];
    }
    case 'labels':
      return [{ attr: 'node_labels', value: asMap(input.actual) }];
    case 'taints':
      return [{ attr: 'node_taints', value: asTaints(input.actual).map(formatTaint) }];
    case 'mode':
      return defaultPool ? undefined : [{ attr: 'mode', value: input.actual === 'system' ? 'System' : 'User' }];
    case 'machineTypes':
      return [{ attr: 'vm_size', value: asStrings(input.actual)[0] ?? null }];
    case 'capacityType':
      return defaultPool ? undefined : [{ attr: 'priority', value: input.actual === 'spot' ? 'Spot' : 'Regular' }];
    case 'os':
      return defaultPool ? undefined : [{ attr: 'os_type', value: input.actual === 'windows' ? 'Windows' : 'Linux' }];
    case 'kubernetesVersion':
      return typeof input.actual === 'string' ? [{ attr: 'orchestrator_version', value: input.actual }] : undefined;
    case 'zones':
      return [{ attr: declared.zones ?? 'zones', value: asStrings(input.actual) }];
    case 'tags':
      return [{ comment: 'owner tags; keep the other tags' }, { attr: 'tags', value: asMap(input.actual) }];
    case 'maxPodsPerNode':
      return [{ attr: 'max_pods', value: asNumber(input.actual) ?? null }];
    case 'diskSizeGb':
      return [{ attr: 'os_disk_size_gb', value: asNumber(input.actual) ?? null }];
    default:
      return undefined;
  }
}

function digitalocean(input: ResolutionInput): Items {
  switch (input.field) {
    case 'autoscaling': {
      const range = asRange(input.actual);
      if (!range) return undefined;
      if (!range.enabled) {
        const count = input.actualPool?.nodeCount;
        return [{ attr: 'auto_scale', value: false }, ...(count !== undefined ? [{ attr: 'node_count', value: count }] : [])];
      }
      return [{ attr: 'auto_scale', value: true }, { attr: 'min_nodes', value: range.min ?? null }, { attr: 'max_nodes', value: range.max ?? null }];
    }
    case 'nodeCount':
    case 'nodes.count': {
      const count = cloudCount(input);
      return count === undefined ? undefined : [{ attr: 'node_count', value: count }];
    }
    case 'labels':
      return [{ attr: 'labels', value: asMap(input.actual) }];
    case 'taints':
      return taintBlocks(asTaints(input.actual), false);
    case 'machineTypes':
      return [{ attr: 'size', value: asStrings(input.actual)[0] ?? null }];
    case 'tags':
      return [
        { comment: 'owner tags; keep the other tags' },
        { attr: 'tags', value: Object.entries(asMap(input.actual)).map(([k, v]) => (v ? `${k}:${v}` : k)) },
      ];
    default:
      return undefined;
  }
}

/** Where a Karpenter field sits in a NodePool manifest. */
export const MANIFEST_PATHS: Readonly<Record<string, readonly string[]>> = {
  labels: ['spec', 'template', 'metadata', 'labels'],
  taints: ['spec', 'template', 'spec', 'taints'],
  requirements: ['spec', 'template', 'spec', 'requirements'],
  limits: ['spec', 'limits'],
  tags: ['metadata', 'labels'],
};

/** The field's value nested at its manifest path, as plain data. */
export function manifestFragment(field: string, value: unknown): Record<string, unknown> | undefined {
  const path = MANIFEST_PATHS[field];
  if (!path) return undefined;
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value ?? null) as Record<string, unknown>;
}

function kubernetesManifest(input: ResolutionInput): Items {
  const fragment = manifestFragment(input.field, input.actual);
  return fragment ? [{ comment: 'merge into manifest' }, { attr: 'manifest', value: fragment as HclValue }] : undefined;
}

const FAMILIES: ReadonlyArray<[string, (input: ResolutionInput, defaultPool: boolean) => Items]> = [
  ['aws_eks_node_group', eks],
  ['google_container_', gke],
  ['azurerm_kubernetes_cluster', azure],
  ['digitalocean_kubernetes_', digitalocean],
  ['kubernetes_manifest', kubernetesManifest],
];

/** The attribute (or block) as it should read in the pool's Terraform resource to match the cloud. */
export function terraformAdoption(input: ResolutionInput): Resolution | undefined {
  const pool = input.desiredPool!;
  const [resource, block] = pool.resourceType.split('.');
  const family = FAMILIES.find(([prefix]) => resource.startsWith(prefix));
  const items = family?.[1](input, block === 'default_node_pool');
  if (!items) return undefined;
  // A pool declared inside its cluster resource sits in that block; GKE's node_pool blocks are told apart by name.
  const body: HclItem[] = block ? [{ block, body: [...(block === 'node_pool' ? [{ attr: 'name', value: pool.name }] : []), ...items] }] : items;
  const header: HclItem = { comment: `in ${commentText(pool.address)} (${commentText(pool.source)})` };
  return { kind: 'hcl', text: renderHcl([header, ...body]) };
}
