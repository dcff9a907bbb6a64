import type { Autoscaling, PoolSpec } from '../model/pool';
import { gceMachineTypeArch } from './architecture';
import { RecordReader } from './fields';
import { completePool } from './poolSpec';
import { readTaintList, UPPER_SNAKE_EFFECTS } from './taints';
import type { ExportContext, ItemParser } from './types';

const SELF_LINK_FORMAT =
  '.../projects/PROJECT/locations/LOCATION/clusters/CLUSTER/nodePools/NAME';

/** Google's JSON mapping accepts every integer as a number or a decimal string. */
const INT = { decimalString: true } as const;

interface PoolLocation {
  project?: string;
  region?: string;
  /** Set for a zonal cluster: its one zone. */
  zone?: string;
  cluster: string;
}

/**
 * Region and zone names have one and two dashes (`us-central1`,
 * `us-central1-a`, AI zones such as `us-south1-ai1b`): a location with more
 * than one dash is a zone, and its region is the first two parts.
 */
function regionAndZone(location: string): { region: string; zone?: string } {
  const parts = location.split('-');
  return parts.length > 2
    ? { region: parts.slice(0, 2).join('-'), zone: location }
    : { region: location };
}

/**
 * A node pool's selfLink, read by its named segments: any API version
 * (`v1`, `v1beta1`), host or none, and older `zones/` links all give the
 * project, location and cluster.
 */
export function parseNodePoolSelfLink(
  selfLink: string,
): PoolLocation | undefined {
  const segments = selfLink.replace(/^[a-z]+:\/\/[^/]*/i, '').split('/');
  const after = (...types: string[]) => {
    const at = segments.findIndex(s => types.includes(s));
    return at >= 0 && segments[at + 1] ? segments[at + 1] : undefined;
  };
  const cluster = after('clusters');
  if (!cluster) return undefined;
  const project = after('projects');
  const location = after('locations', 'zones');
  return {
    ...(project ? { project } : {}),
    ...(location ? regionAndZone(location) : {}),
    cluster,
  };
}

function readSelfLink(r: RecordReader): PoolLocation | undefined {
  const selfLink = r.string('selfLink');
  if (selfLink === undefined) return undefined;
  const location = parseNodePoolSelfLink(selfLink);
  if (!location) {
    r.warn(
      'selfLink',
      `names no cluster (${SELF_LINK_FORMAT}): the project, region and cluster come from the file's config`,
    );
  }
  return location;
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
 * GKE's cluster autoscaler manages the pool exactly when `autoscaling.enabled`
 * is true, whatever the bounds (equal bounds are a fixed size). GKE's JSON
 * leaves out fields at their zero value (proto3), so a missing `enabled` is
 * false and a missing count is 0. `minNodeCount`/`maxNodeCount`
 * bound each zone, `totalMinNodeCount`/`totalMaxNodeCount` the whole pool; the
 * model wants the pool's bounds, so per-zone counts are multiplied by the
 * number of zones, and left out when the zones are not known.
 */
function autoscaling(r: RecordReader, zoneCount: number): Autoscaling {
  const config = r.object('autoscaling');
  if (!config || !config.boolean('enabled')) return { enabled: false };
  const totalMin = config.integer('totalMinNodeCount', INT);
  const totalMax = config.integer('totalMaxNodeCount', INT);
  const min = config.integer('minNodeCount', INT);
  const max = config.integer('maxNodeCount', INT);
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
  if (!cluster && (typeof r.get('selfLink') === 'string' || !r.has('selfLink'))) {
    r.report(
      'selfLink',
      r.has('selfLink')
        ? `names no cluster (${SELF_LINK_FORMAT}): set \`cluster\` for this file`
        : 'is required to know the cluster: the record has no selfLink; set `cluster` for this file',
    );
  }
  const config = r.object('config');
  const machineType = config?.string('machineType');
  const zones = poolZones(r.stringArray('locations'), location);
  const scaling = autoscaling(r, zones.length);
  const initialNodeCount = r.integer('initialNodeCount', INT);
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
    os: imageType?.toUpperCase().startsWith('WINDOWS') ? 'windows' : 'linux',
    arch: machineType ? gceMachineTypeArch(machineType) : undefined,
    machineTypes: machineType ? [machineType] : [],
    // Preemptible VMs are the older form of Spot VMs: both can be reclaimed at any time.
    capacityType: spot || preemptible ? 'spot' : 'on-demand',
    // The API has no current node count. With autoscaling off the pool keeps
    // its initial count in each of its zones; with it on the count moves, and
    // only the nodes themselves can tell it. A record without the count (a
    // projection, or proto3 leaving out a zero) leaves it unknown.
    nodeCount:
      !scaling.enabled && zones.length && initialNodeCount !== undefined
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
      ?.integer('maxPodsPerNode', INT),
    diskSizeGb: config?.integer('diskSizeGb', INT),
    raw: item,
  };
  return completePool(r, pool, ctx);
};
