import { formatTaint, type Taint, type TaintEffect } from '../../model/pool';
import { parseKubeVersion, formatMinor } from '../../drift/versions';
import type { Resolution } from '../../drift/types';
import { asMap, asNumber, asRange, asTaints, clamp, mapChanges, quoted, type ResolutionInput } from '../../drift/render/input';
import { noteResolution, shellResolution } from '../../drift/render/quote';

const EFFECTS: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

function base(input: ResolutionInput, command: string): string[] {
  const { cluster, name, region } = input.pool;
  return ['aws', 'eks', command, '--cluster-name', cluster, '--nodegroup-name', name, ...(region ? ['--region', region] : [])];
}

function apiTaint(t: Taint) {
  return { key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: EFFECTS[t.effect] };
}

function scaling(input: ResolutionInput, min: number, max: number, desired: number): Resolution {
  return shellResolution([[...base(input, 'update-nodegroup-config'), '--scaling-config', `minSize=${min},maxSize=${max},desiredSize=${desired}`]]);
}

function immutable(what: string): Resolution {
  return noteResolution(`EKS cannot change a node group's ${what} in place: the node group must be replaced (apply the IaC to recreate it)`);
}

function changed(input: ResolutionInput): Resolution | undefined {
  const current = input.actualPool?.nodeCount;
  switch (input.field) {
    case 'autoscaling': {
      const want = asRange(input.desired);
      if (want?.min === undefined || want.max === undefined) return undefined;
      return scaling(input, want.min, want.max, clamp(current, want.min, want.max) ?? want.min);
    }
    case 'nodeCount': {
      const want = asNumber(input.desired);
      return want === undefined ? undefined : scaling(input, want, want, want);
    }
    case 'labels': {
      const { set, remove } = mapChanges(asMap(input.desired), asMap(input.actual));
      const labels = { ...(Object.keys(set).length ? { addOrUpdateLabels: set } : {}), ...(remove.length ? { removeLabels: remove } : {}) };
      return shellResolution([[...base(input, 'update-nodegroup-config'), '--labels', JSON.stringify(labels)]]);
    }
    case 'taints': {
      const want = asTaints(input.desired);
      const have = asTaints(input.actual);
      const wanted = new Set(want.map(formatTaint));
      const had = new Set(have.map(formatTaint));
      const add = want.filter(t => !had.has(formatTaint(t))).map(apiTaint);
      const remove = have.filter(t => !wanted.has(formatTaint(t))).map(apiTaint);
      const taints = { ...(add.length ? { addOrUpdateTaints: add } : {}), ...(remove.length ? { removeTaints: remove } : {}) };
      return shellResolution([[...base(input, 'update-nodegroup-config'), '--taints', JSON.stringify(taints)]]);
    }
    case 'kubernetesVersion': {
      const version = parseKubeVersion(String(input.desired ?? ''));
      return version && shellResolution([[...base(input, 'update-nodegroup-version'), '--kubernetes-version', formatMinor(version)]]);
    }
    case 'tags': {
      const arn = input.desiredPool?.target?.arn;
      if (!arn) return noteResolution('tag the node group with `aws eks tag-resource`; its ARN is not in the desired state');
      const { set, remove } = mapChanges(asMap(input.desired), asMap(input.actual));
      const commands: string[][] = [];
      if (Object.keys(set).length) commands.push(['aws', 'eks', 'tag-resource', '--resource-arn', arn, '--tags', JSON.stringify(set)]);
      if (remove.length) commands.push(['aws', 'eks', 'untag-resource', '--resource-arn', arn, '--tag-keys', ...remove]);
      return commands.length ? shellResolution(commands) : undefined;
    }
    case 'machineTypes':
      return immutable('instance types');
    case 'capacityType':
      return immutable('capacity type');
    case 'os':
    case 'arch':
      return immutable('AMI type');
    case 'diskSizeGb':
      return immutable('disk size');
    default:
      return undefined;
  }
}

/** `aws eks` commands that make the cloud match the declared pool again. */
export function eksRevert(input: ResolutionInput): Resolution | undefined {
  switch (input.cause) {
    case 'changed':
      return changed(input);
    case 'not-in-iac':
      return shellResolution([base(input, 'delete-nodegroup')], 'deletes the node group and drains its nodes');
    case 'version-skew': {
      const version = parseKubeVersion(String(input.desired ?? ''));
      return version && shellResolution([[...base(input, 'update-nodegroup-version'), '--kubernetes-version', formatMinor(version)]]);
    }
    case 'node-image':
      return shellResolution([base(input, 'update-nodegroup-version')], 'rolls the nodes to the latest AMI release of the group\'s version');
    case 'node-count': {
      const range = asRange(input.desired);
      const count = asNumber(input.actual);
      if (range?.min !== undefined && range.max !== undefined) return scaling(input, range.min, range.max, clamp(count, range.min, range.max) ?? range.min);
      const fixed = asNumber(input.desired);
      return fixed === undefined ? undefined : scaling(input, fixed, fixed, fixed);
    }
    case 'node-zones':
      return noteResolution(`an EKS node group spans its subnets: set the subnets of ${quoted(input.pool.name)} to the declared zones`);
    default:
      return undefined;
  }
}
