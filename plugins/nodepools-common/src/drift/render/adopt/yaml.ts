import { dump } from 'js-yaml';
import type { Taint } from '../../../model/pool';
import type { Resolution } from '../../types';
import { asMap, asNumber, asRange, asStrings, asTaints, type ResolutionInput } from '../input';
import { commentText } from '../quote';
import { manifestFragment } from './terraform';

/*
 * eksctl ClusterConfig and Karpenter manifests: the YAML as it should read
 * to match the cloud. Values are serialized by the YAML library, which
 * quotes whatever needs quoting.
 */

function stringify(value: unknown): string {
  return dump(value, { noRefs: true, lineWidth: -1 });
}

function taintList(taints: readonly Taint[]) {
  return taints.map(t => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect }));
}

/** The keys of one eksctl node group that set the field. */
function eksctlFields(input: ResolutionInput): Record<string, unknown> | undefined {
  const managed = input.desiredPool?.resourceType === 'managedNodeGroups';
  switch (input.field) {
    case 'autoscaling': {
      const range = asRange(input.actual);
      return range?.min !== undefined && range.max !== undefined ? { minSize: range.min, maxSize: range.max } : undefined;
    }
    case 'nodeCount':
    case 'nodes.count': {
      const count = asNumber(input.actual) ?? input.actualPool?.nodeCount;
      return count === undefined ? undefined : { minSize: count, maxSize: count, desiredCapacity: count };
    }
    case 'labels':
      return { labels: asMap(input.actual) };
    case 'taints':
      return { taints: taintList(asTaints(input.actual)) };
    case 'machineTypes': {
      const types = asStrings(input.actual);
      return types.length === 1 ? { instanceType: types[0] } : { instanceTypes: types };
    }
    case 'capacityType':
      return managed && (input.actual === 'spot' || input.actual === 'on-demand') ? { spot: input.actual === 'spot' } : undefined;
    case 'zones':
    case 'nodes.zones':
      return { availabilityZones: asStrings(input.actual) };
    case 'tags':
      return { tags: asMap(input.actual) };
    case 'maxPodsPerNode':
      return { maxPodsPerNode: asNumber(input.actual) };
    case 'diskSizeGb':
      return { volumeSize: asNumber(input.actual) };
    default:
      return undefined;
  }
}

function header(input: ResolutionInput): string {
  const pool = input.desiredPool!;
  return `# in ${commentText(pool.address)} (${commentText(pool.source)})\n`;
}

export function eksctlAdoption(input: ResolutionInput): Resolution | undefined {
  const fields = eksctlFields(input);
  const pool = input.desiredPool!;
  if (!fields) return undefined;
  return { kind: 'yaml', text: header(input) + stringify({ [pool.resourceType]: [{ name: pool.name, ...fields }] }) };
}

export function manifestAdoption(input: ResolutionInput): Resolution | undefined {
  const fragment = manifestFragment(input.field, input.actual);
  if (!fragment) return undefined;
  return { kind: 'yaml', text: header(input) + stringify(fragment) };
}
