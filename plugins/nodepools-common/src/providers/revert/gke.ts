import { formatTaint } from '../../model/pool';
import { zoneCount } from '../../drift/compare/scaling';
import type { Resolution } from '../../drift/types';
import { asMap, asNumber, asRange, asStrings, asTaints, perZone, quoted, type ResolutionInput } from '../../drift/render/input';
import { noteResolution, shellResolution } from '../../drift/render/quote';

/** Delimiters gcloud's list syntax can switch to (`^;^a,b;c`) when an item holds a comma. */
const DELIMITERS = [';', '|', '#', '@', '~', '+', '!'];

/**
 * A gcloud list or dict flag value (`a=1,b=2`). An item with a comma gets
 * gcloud's alternate-delimiter form (see `gcloud topic escaping`), so it
 * stays one item.
 */
export function gcloudList(items: readonly string[]): string {
  if (!items.some(item => item.includes(','))) return items.join(',');
  const delimiter = DELIMITERS.find(d => !items.some(item => item.includes(d)));
  return delimiter ? `^${delimiter}^${items.join(delimiter)}` : items.join(',');
}

function where(input: ResolutionInput): { args: string[]; note?: string } {
  const { account, region, cluster } = input.pool;
  const location = input.desiredPool?.target?.location ?? region;
  const note = input.desiredPool?.target?.location ? undefined : 'the cluster is assumed regional (--location is the region)';
  return {
    args: ['--cluster', cluster, ...(location ? ['--location', location] : []), ...(account ? ['--project', account] : [])],
    note,
  };
}

function update(input: ResolutionInput, flags: string[]): Resolution {
  const { args, note } = where(input);
  return shellResolution([['gcloud', 'container', 'node-pools', 'update', input.pool.name, ...args, ...flags]], note);
}

function resize(input: ResolutionInput, total: number | undefined): Resolution | undefined {
  const zones = input.desiredPool ? zoneCount(input.desiredPool, input.actualPool) : input.actualPool?.zones.length;
  const each = input.desiredPool?.perZone?.nodeCount !== undefined && total === undefined ? input.desiredPool.perZone.nodeCount : perZone(total, zones);
  if (each === undefined) return noteResolution('resize the pool with `gcloud container clusters resize --num-nodes` (nodes per zone); its zones are not known');
  const { args, note } = where(input);
  const [, cluster, ...rest] = args;
  return shellResolution([['gcloud', 'container', 'clusters', 'resize', cluster, '--node-pool', input.pool.name, '--num-nodes', String(each), ...rest, '--quiet']], note);
}

function upgrade(input: ResolutionInput, version: string | undefined): Resolution {
  const { args, note } = where(input);
  const [, cluster, ...rest] = args;
  return shellResolution(
    [['gcloud', 'container', 'clusters', 'upgrade', cluster, '--node-pool', input.pool.name, ...(version ? ['--cluster-version', version] : []), ...rest, '--quiet']],
    note,
  );
}

function autoscaling(input: ResolutionInput): Resolution | undefined {
  const want = asRange(input.desired);
  if (!want) return undefined;
  if (!want.enabled) return update(input, ['--no-enable-autoscaling']);
  const per = input.desiredPool?.perZone;
  if (per?.min !== undefined && per.max !== undefined) {
    return update(input, ['--enable-autoscaling', '--min-nodes', String(per.min), '--max-nodes', String(per.max)]);
  }
  if (want.min === undefined || want.max === undefined) return undefined;
  return update(input, ['--enable-autoscaling', '--total-min-nodes', String(want.min), '--total-max-nodes', String(want.max)]);
}

function changed(input: ResolutionInput): Resolution | undefined {
  switch (input.field) {
    case 'autoscaling':
      return autoscaling(input);
    case 'nodeCount':
      return resize(input, asNumber(input.desired));
    case 'labels':
      return update(input, [`--node-labels=${gcloudList(Object.entries(asMap(input.desired)).map(([k, v]) => `${k}=${v}`))}`]);
    case 'taints':
      return update(input, [`--node-taints=${gcloudList(asTaints(input.desired).map(formatTaint))}`]);
    case 'tags':
      return update(input, [`--resource-labels=${gcloudList(Object.entries(asMap(input.desired)).map(([k, v]) => `${k}=${v}`))}`]);
    case 'machineTypes': {
      const [type] = asStrings(input.desired);
      return type === undefined ? undefined : update(input, ['--machine-type', type]);
    }
    case 'zones':
      return update(input, [`--node-locations=${gcloudList(asStrings(input.desired))}`]);
    case 'diskSizeGb': {
      const size = asNumber(input.desired);
      return size === undefined ? undefined : update(input, ['--disk-size', String(size)]);
    }
    case 'kubernetesVersion':
      return upgrade(input, typeof input.desired === 'string' ? input.desired : undefined);
    case 'capacityType':
      return noteResolution('GKE cannot switch a pool between Spot and standard VMs: create a new pool and move the workloads');
    case 'os':
      return noteResolution('change the node image with `gcloud container clusters upgrade --image-type`');
    case 'maxPodsPerNode':
      return noteResolution('GKE cannot change max pods per node of a pool: create a new pool');
    default:
      return undefined;
  }
}

/** `gcloud container` commands that make the cloud match the declared pool again. */
export function gkeRevert(input: ResolutionInput): Resolution | undefined {
  switch (input.cause) {
    case 'changed':
      return changed(input);
    case 'not-in-iac': {
      const { args, note } = where(input);
      return shellResolution([['gcloud', 'container', 'node-pools', 'delete', input.pool.name, ...args, '--quiet']], note ?? 'deletes the pool and its nodes');
    }
    case 'version-skew':
      return upgrade(input, typeof input.desired === 'string' ? input.desired : undefined);
    case 'node-image':
      return upgrade(input, input.actualPool?.kubernetesVersion);
    case 'node-count': {
      const fixed = asNumber(input.desired);
      return fixed === undefined
        ? noteResolution(`the cluster autoscaler keeps ${quoted(input.pool.name)} in its range; check why it cannot (pending pods, quotas)`)
        : resize(input, fixed);
    }
    case 'node-zones':
      return update(input, [`--node-locations=${gcloudList(asStrings(input.desired))}`]);
    default:
      return undefined;
  }
}
