import { formatTaint } from '../../../model/pool';
import type { Resolution } from '../../types';
import { asMap, asNumber, asRange, asTaints, clamp, quoted, type ResolutionInput } from '../input';
import { noteResolution, shellResolution } from '../quote';

/*
 * DigitalOcean (`doctl`), Karpenter NodePools (`kubectl patch`) and
 * self-managed groups known through their nodes (`eksctl scale`).
 */

function doctl(input: ResolutionInput, sub: string, flags: string[]): Resolution {
  const cluster = input.desiredPool?.target?.clusterId ?? input.pool.cluster;
  return shellResolution([['doctl', 'kubernetes', 'cluster', 'node-pool', sub, cluster, input.pool.name, ...flags]]);
}

export function doksRevert(input: ResolutionInput): Resolution | undefined {
  if (input.cause === 'not-in-iac') return doctl(input, 'delete', ['--force']);
  const fixed = input.cause === 'node-count' ? asNumber(input.desired) : undefined;
  if (fixed !== undefined) return doctl(input, 'update', ['--count', String(fixed)]);
  if (input.cause !== 'changed') {
    return input.cause === 'version-skew' || input.cause === 'node-image'
      ? noteResolution('DOKS pools follow their cluster: upgrade it with `doctl kubernetes cluster upgrade`')
      : undefined;
  }
  switch (input.field) {
    case 'autoscaling': {
      const want = asRange(input.desired);
      if (!want) return undefined;
      if (!want.enabled) {
        const count = input.desiredPool?.nodeCount;
        return doctl(input, 'update', ['--auto-scale=false', ...(count !== undefined ? ['--count', String(count)] : [])]);
      }
      if (want.min === undefined || want.max === undefined) return undefined;
      return doctl(input, 'update', ['--auto-scale=true', '--min-nodes', String(want.min), '--max-nodes', String(want.max)]);
    }
    case 'nodeCount': {
      const count = asNumber(input.desired);
      return count === undefined ? undefined : doctl(input, 'update', ['--count', String(count)]);
    }
    case 'labels':
      return doctl(input, 'update', Object.entries(asMap(input.desired)).flatMap(([k, v]) => ['--label', `${k}=${v}`]));
    case 'taints': {
      const taints = asTaints(input.desired);
      return taints.length
        ? doctl(input, 'update', taints.flatMap(t => ['--taint', formatTaint(t)]))
        : noteResolution('remove the pool\'s taints in the DigitalOcean control panel or API (doctl cannot clear them)');
    }
    case 'tags':
      return doctl(input, 'update', Object.entries(asMap(input.desired)).flatMap(([k, v]) => ['--tag', v ? `${k}:${v}` : k]));
    case 'machineTypes':
      return noteResolution('DOKS cannot resize a pool\'s droplets: add a pool of the declared size and delete this one');
    default:
      return undefined;
  }
}

/** A JSON merge patch: a key set to null is removed. */
function withRemovals(want: Record<string, string>, have: Record<string, string>): Record<string, string | null> {
  return { ...Object.fromEntries(Object.keys(have).filter(k => !(k in want)).map(k => [k, null])), ...want };
}

function patch(input: ResolutionInput, body: unknown): Resolution {
  return shellResolution(
    [['kubectl', 'patch', 'nodepool', input.pool.name, '--type', 'merge', '-p', JSON.stringify(body)]],
    `run against cluster ${quoted(input.pool.cluster)}; GitOps tools re-apply the manifest on their next sync`,
  );
}

export function karpenterRevert(input: ResolutionInput): Resolution | undefined {
  if (input.cause === 'not-in-iac') return shellResolution([['kubectl', 'delete', 'nodepool', input.pool.name]], 'Karpenter drains and deletes its nodes');
  if (input.cause !== 'changed') return undefined;
  switch (input.field) {
    case 'labels':
      return patch(input, { spec: { template: { metadata: { labels: withRemovals(asMap(input.desired), asMap(input.actual)) } } } });
    case 'taints':
      return patch(input, { spec: { template: { spec: { taints: input.desired ?? [] } } } });
    case 'requirements':
      return patch(input, { spec: { template: { spec: { requirements: input.desired ?? [] } } } });
    case 'limits':
      return patch(input, { spec: { limits: withRemovals(asMap(input.desired), asMap(input.actual)) } });
    case 'tags':
      return patch(input, { metadata: { labels: withRemovals(asMap(input.desired), asMap(input.actual)) } });
    default:
      return undefined;
  }
}

function eksctlScale(input: ResolutionInput, min: number, max: number, nodes: number): Resolution {
  const { cluster, name, region } = input.pool;
  return shellResolution([
    ['eksctl', 'scale', 'nodegroup', '--cluster', cluster, '--name', name, '--nodes-min', String(min), '--nodes-max', String(max), '--nodes', String(nodes), ...(region ? ['--region', region] : [])],
  ]);
}

/** Self-managed groups (eksctl nodeGroups) are only sized from outside; everything else lives in their launch template. */
export function kubernetesRevert(input: ResolutionInput): Resolution | undefined {
  const count = input.actualPool?.observed?.nodeCount ?? input.actualPool?.nodeCount;
  const range = asRange(input.desired);
  if ((input.field === 'autoscaling' || input.cause === 'node-count') && range?.min !== undefined && range.max !== undefined) {
    return eksctlScale(input, range.min, range.max, clamp(count, range.min, range.max) ?? range.min);
  }
  const fixed = asNumber(input.desired);
  if ((input.field === 'nodeCount' || input.cause === 'node-count') && fixed !== undefined) return eksctlScale(input, fixed, fixed, fixed);
  if (input.cause === 'changed') {
    return noteResolution('a self-managed group takes its settings from its launch template: recreate it from the declared config (eksctl create nodegroup)');
  }
  return undefined;
}
