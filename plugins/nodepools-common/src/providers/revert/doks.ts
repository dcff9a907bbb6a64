import { formatTaint } from '../../model/pool';
import type { Resolution } from '../../drift/types';
import { asMap, asNumber, asRange, asTaints, type ResolutionInput } from '../../drift/render/input';
import { noteResolution, shellResolution } from '../../drift/render/quote';

/* DigitalOcean pools are reverted with `doctl`. */

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
