import type { Autoscaling, PoolSpec } from '../model/pool';
import { gceMachineTypeArch } from './architecture';
import { RecordReader } from './fields';
import { completePool } from './poolSpec';
import { readTaintList, UPPER_SNAKE_EFFECTS } from './taints';
import type { ExportContext, ItemParser } from './types';

/** `.../projects/P/locations/L/clusters/C/nodePools/N`; older links say `zones/L`. */
const SELF_LINK =
  /\/projects\/([^/]+)\/(?:locations|zones)\/([^/]+)\/clusters\/([^/]+)\/nodePools\/[^/]+$/;

/** A zone is its region plus a letter: `us-central1-a` is in `us-central1`. */
const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

interface PoolLocation {
  project: string;
  region: string;
  /** Set for a zonal cluster: its one zone. */
  zone?: string;
  cluster: string;
}

function readSelfLink(r: RecordReader): PoolLocation | undefined {
  const selfLink = r.string('selfLink');
  if (selfLink === undefined) return undefined;
  const match = SELF_LINK.exec(selfLink);
  if (!match) {
    r.report(
      'selfLink',
      `expected .../projects/PROJECT/locations/LOCATION/clusters/CLUSTER/nodePools/NAME, got ${JSON.stringify(selfLink)}`,
    );
    return undefined;
  }
  const [, project, location, cluster] = match;
  const zone = ZONE.exec(location);
  return zone
    ? { project, region: zone[1], zone: location, cluster }
    : { project, region: location, cluster };
}

/** The pool's zones, sorted as a set; a zonal cluster's pool defaults to the cluster's zone. */
function poolZones(
  locations: string[] | undefined,
  location: PoolLocation | undefined,
): string[] {
  if (locations?.length) return [...new Set(locations)].sort();
  return location?.zone ? [location.zone] : [];
}

/**
 * GKE's JSON leaves out fields at their zero value (proto3), so a missing
 * `enabled` is false and a missing count is 0. `minNodeCount`/`maxNodeCount`
 * bound each zone, `totalMinNodeCount`/`totalMaxNodeCount` the whole pool; the
 * model wants the pool's bounds, so per-zone counts are multiplied by the
 * number of zones, and left out when the zones are not known.
 */
function autoscaling(r: RecordReader, zoneCount: number): Autoscaling {
  const config = r.object('autoscaling');
  if (!config || !config.boolean('enabled')) return { enabled: false };
  const totalMin = config.integer('totalMinNodeCount');
  const totalMax = config.integer('totalMaxNodeCount');
  const min = config.integer('minNodeCount');
  const max = config.integer('maxNodeCount');
  if (totalMin !== undefined || totalMax !== undefined) {
    return {
      enabled: true,
      min: totalMin ?? 0,
      ...(totalMax !== undefined ? { max: totalMax } : {}),
    };
  }
  if (zoneCount === 0) return { enabled: true };
  return {
    enabled: true,
    min: (min ?? 0) * zoneCount,
    ...(max !== undefined ? { max: max * zoneCount } : {}),
  };
}

/**
 * One GKE node pool as `nodePools.list`/`nodePools.get` return it and
 * `gcloud container node-pools list --format=json` prints it. GKE has no
 * system/user pools: every pool is `user`.
 */
export const parseGkeNodePool: ItemParser = (
  item: unknown,
  ctx: ExportContext,
): PoolSpec => {
  const r = RecordReader.forItem(item, 'a GKE node pool');
  const name = r.requiredString('name');
  const location = readSelfLink(r);
  const cluster = location?.cluster ?? ctx.cluster;
  if (!cluster && !r.has('selfLink')) {
    r.report(
      'selfLink',
      'is required to know the cluster: the record has no selfLink; set `cluster` for this file',
    );
  }
  const config = r.object('config');
  const machineType = config?.string('machineType');
  const zones = poolZones(r.stringArray('locations'), location);
  const scaling = autoscaling(r, zones.length);
  const initialNodeCount = r.integer('initialNodeCount') ?? 0;
  const spot = config?.boolean('spot');
  const preemptible = config?.boolean('preemptible');
  const imageType = config?.string('imageType');
  const pool: PoolSpec = {
    provider: 'gke',
    account: location?.project ?? ctx.account,
    region: location?.region ?? ctx.region,
    cluster: cluster ?? '',
    name,
    mode: 'user',
    os: imageType?.startsWith('WINDOWS') ? 'windows' : 'linux',
    arch: machineType ? gceMachineTypeArch(machineType) : undefined,
    machineTypes: machineType ? [machineType] : [],
    // Preemptible VMs are the older form of Spot VMs: both can be reclaimed at any time.
    capacityType: spot || preemptible ? 'spot' : 'on-demand',
    // The API has no current node count. With autoscaling off the pool keeps
    // its initial count in each of its zones; with it on the count moves, and
    // only the nodes themselves can tell it.
    nodeCount:
      !scaling.enabled && zones.length
        ? initialNodeCount * zones.length
        : undefined,
    autoscaling: scaling,
    labels: config?.stringMap('labels') ?? {},
    taints: config ? readTaintList(config, 'taints', UPPER_SNAKE_EFFECTS) : [],
    zones,
    kubernetesVersion: r.string('version'),
    state: r.string('status'),
    tags: config?.stringMap('resourceLabels') ?? {},
    maxPodsPerNode: r
      .object('maxPodsConstraint')
      ?.integer('maxPodsPerNode', { int64AsString: true }),
    diskSizeGb: config?.integer('diskSizeGb'),
    raw: item,
  };
  return completePool(r, pool);
};
