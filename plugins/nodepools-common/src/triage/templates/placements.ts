import type { Taint } from '../../model/pool';
import type { HostPort } from '../checks/hostPorts';
import { taintsKey, type ClusterState } from '../cluster';
import { HOSTNAME_LABEL, NEW_NODE_HOSTNAME, ZONE_LABEL, ZONE_LABEL_BETA } from '../labels';
import type { ResourceMap } from '../read';
import type { Placement } from './types';

/** What every placement of a candidate has the same: its room, as the per-node filters read a node's. */
export interface PlacementRoom {
  freeVector?: Float64Array;
  allocatable?: ResourceMap;
  overhead: ResourceMap;
  overheadPods: number;
  usedPorts: HostPort[];
}

const NO_ROOM: PlacementRoom = { overhead: {}, overheadPods: 0, usedPorts: [] };

/**
 * The shapes of a new node, one per zone it may land in and per variant of
 * its labels (capacity type), each made when first read: most questions
 * are answered by the first one (a pod that does not care about zones),
 * and a cluster's templates would otherwise hold tens of thousands of
 * label sets nobody reads.
 */
export class Placements implements Iterable<Placement> {
  readonly length: number;
  private readonly made: Array<Placement | undefined>;
  private readonly zones: ReadonlyArray<string | undefined>;
  private room = NO_ROOM;

  /**
   * `layers`: the new node's labels, later layers over earlier ones (a
   * provisioner's pool labels, then its machine type's, shared by every
   * pool): merged only into the placements made.
   */
  constructor(
    private readonly state: ClusterState,
    private readonly layers: ReadonlyArray<Readonly<Record<string, string>>>,
    private readonly taints: Taint[],
    zones: readonly string[],
    private readonly variants: ReadonlyArray<Record<string, string>> = [{}],
    private readonly taintsId = state.taintSets.id(taintsKey(taints)),
  ) {
    this.zones = zones.length ? zones : [undefined];
    this.length = this.zones.length * variants.length;
    this.made = new Array(this.length);
  }

  /** The candidate's room, known once its daemonsets are: set before any placement is read. */
  setRoom(room: PlacementRoom) {
    this.room = room;
  }

  at(index: number): Placement {
    return this.made[index] ?? (this.made[index] = this.make(index));
  }

  *[Symbol.iterator](): Iterator<Placement> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  private make(index: number): Placement {
    const zone = this.zones[Math.floor(index / this.variants.length)];
    const variant = this.variants[index % this.variants.length];
    const labels: Record<string, string> = {};
    for (const layer of this.layers) Object.assign(labels, layer);
    const withBetaZone = ZONE_LABEL_BETA in labels;
    Object.assign(labels, variant);
    labels[HOSTNAME_LABEL] = NEW_NODE_HOSTNAME;
    if (zone !== undefined) {
      labels[ZONE_LABEL] = zone;
      if (withBetaZone) labels[ZONE_LABEL_BETA] = zone;
    }
    const room = this.room;
    return {
      id: this.state.nextShapeId(),
      labels,
      taints: this.taints,
      taintsId: this.taintsId,
      unschedulable: false,
      name: NEW_NODE_HOSTNAME,
      free: room.freeVector,
      freeAt: 0,
      allocatable: room.allocatable,
      podCount: room.overheadPods,
      usedPorts: room.usedPorts,
      newNode: true,
    };
  }
}
