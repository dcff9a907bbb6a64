import { formatTaint } from '../../model/pool';
import type { Resolution } from '../../drift/types';
import { asMap, asNumber, asRange, asTaints, quoted, type ResolutionInput } from '../../drift/render/input';
import { noteResolution, shellResolution } from '../../drift/render/quote';

function command(input: ResolutionInput, sub: string, flags: string[]): Resolution {
  const { account, cluster, name } = input.pool;
  const group = input.desiredPool?.target?.resourceGroup;
  if (!group) {
    return noteResolution(`run \`az aks nodepool ${sub}\` for pool ${quoted(name)} of cluster ${quoted(cluster)} with its resource group (not in the desired state)`);
  }
  return shellResolution([
    [
      'az', 'aks', 'nodepool', sub,
      ...(account ? ['--subscription', account] : []),
      '--resource-group', group, '--cluster-name', cluster, '--name', name,
      ...flags,
    ],
  ]);
}

function autoscaling(input: ResolutionInput): Resolution | undefined {
  const want = asRange(input.desired);
  const have = asRange(input.actual);
  if (!want) return undefined;
  if (!want.enabled) {
    const count = input.desiredPool?.nodeCount;
    const off = command(input, 'update', ['--disable-cluster-autoscaler']);
    if (count === undefined || off.kind !== 'shell') return off;
    const scale = command(input, 'scale', ['--node-count', String(count)]);
    return { ...off, text: `${off.text}\n${scale.text}`, commands: [...off.commands!, ...scale.commands!] };
  }
  if (want.min === undefined || want.max === undefined) return undefined;
  const flag = have?.enabled ? '--update-cluster-autoscaler' : '--enable-cluster-autoscaler';
  return command(input, 'update', [flag, '--min-count', String(want.min), '--max-count', String(want.max)]);
}

function changed(input: ResolutionInput): Resolution | undefined {
  switch (input.field) {
    case 'autoscaling':
      return autoscaling(input);
    case 'nodeCount': {
      const count = asNumber(input.desired);
      return count === undefined ? undefined : command(input, 'scale', ['--node-count', String(count)]);
    }
    case 'labels': {
      const labels = Object.entries(asMap(input.desired)).map(([k, v]) => `${k}=${v}`);
      return command(input, 'update', ['--labels', ...(labels.length ? labels : [''])]);
    }
    case 'taints':
      return command(input, 'update', ['--node-taints', asTaints(input.desired).map(formatTaint).join(',')]);
    case 'tags': {
      const tags = Object.entries(asMap(input.desired)).map(([k, v]) => `${k}=${v}`);
      return command(input, 'update', ['--tags', ...(tags.length ? tags : [''])]);
    }
    case 'mode':
      return command(input, 'update', ['--mode', input.desired === 'system' ? 'System' : 'User']);
    case 'kubernetesVersion':
      return typeof input.desired === 'string' ? command(input, 'upgrade', ['--kubernetes-version', input.desired, '--yes']) : undefined;
    case 'machineTypes':
    case 'capacityType':
    case 'os':
    case 'arch':
    case 'zones':
    case 'maxPodsPerNode':
    case 'diskSizeGb':
      return noteResolution(`AKS cannot change a pool's ${input.field} in place: add a new pool with the declared settings and delete this one`);
    default:
      return undefined;
  }
}

/** `az aks nodepool` commands that make the cloud match the declared pool again. */
export function aksRevert(input: ResolutionInput): Resolution | undefined {
  switch (input.cause) {
    case 'changed':
      return changed(input);
    case 'not-in-iac':
      return command(input, 'delete', ['--yes']);
    case 'version-skew':
      return typeof input.desired === 'string' ? command(input, 'upgrade', ['--kubernetes-version', input.desired, '--yes']) : undefined;
    case 'node-image':
      return command(input, 'upgrade', ['--node-image-only', '--yes']);
    case 'node-count': {
      const fixed = asNumber(input.desired);
      return fixed === undefined
        ? noteResolution(`the cluster autoscaler keeps ${quoted(input.pool.name)} in its range; check why it cannot (pending pods, quotas)`)
        : command(input, 'scale', ['--node-count', String(fixed)]);
    }
    case 'node-zones':
      return noteResolution('AKS cannot move a pool between zones: add a pool in the declared zones');
    default:
      return undefined;
  }
}
