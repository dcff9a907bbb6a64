import { zoneOf } from '../labels';
import type { DaemonPod, NodeRecord, RequestedByNode, ResourceMap } from '../read';
import { Interner, ResourceIndex } from './indexes';
import { FNV_OFFSET, mix, mixNumber, mixText } from './hash';
import { freeCpu } from './nodes';
import type { ClusterPools } from './pools';
import { resourcesHash, sameResources } from './sharedResourceMaps';
import type { CapacityGroup, ClusterInput, NodeClass } from './types';

const PODS = ResourceIndex.PODS;

/** Classes of up to this many nodes are grouped and ordered with lists, not maps and sorts. */
const SMALL_CLASS = 32;

/** A hash of what the capacity checks (room, pod slots, host ports) read of a node with `width` resources. */
function capacityHash(node: NodeRecord, width: number): number {
  let hash = mix(FNV_OFFSET, resourcesHash(node.allocatable));
  for (let r = 0; r < width; r++) hash = mixNumber(hash, node.free[node.freeAt + r]);
  for (const port of node.usedPorts) hash = mix(mixText(mixText(hash, port.ip), port.protocol), port.port);
  return hash >>> 0;
}

/** Whether the capacity checks read the same of both nodes. */
function sameCapacity(a: NodeRecord, b: NodeRecord, width: number): boolean {
  if (a.usedPorts.length !== b.usedPorts.length) return false;
  for (let r = 0; r < width; r++) if (!Object.is(a.free[a.freeAt + r], b.free[b.freeAt + r])) return false;
  // Nodes of one machine type share their allocatable map (see `SharedResourceMaps`).
  if (a.allocatable !== b.allocatable && !sameResources(a.allocatable, b.allocatable)) return false;
  return a.usedPorts.every((port, i) => {
    const other = b.usedPorts[i];
    return port.ip === other.ip && port.port === other.port && port.protocol === other.protocol;
  });
}

/**
 * The class's nodes grouped by what the capacity checks read, in the order
 * of their first node (a group sits where its first node does): checks
 * that read nothing else (no per-node labels, no pods around the node) ask
 * one node per group. Undefined when grouping would not pay: callers then
 * ask the nodes one by one, which answers the same. Worked out once, when
 * first asked for.
 */
export function capacityGroupsOf(cls: NodeClass): CapacityGroup[] | undefined {
  if (cls.capacityGroups !== undefined) return cls.capacityGroups ?? undefined;
  // Every node's vector is as wide as its class's largest free amounts.
  const width = cls.freeWidth;
  if (!worthGrouping(cls.nodes, width)) {
    cls.capacityGroups = null;
    return undefined;
  }
  const groups: CapacityGroup[] = [];
  // Most classes hold a few nodes: their groups' hashes are searched in a
  // list; a map per class (30,000 of them at design scale) only for large ones.
  const hashes: number[] = [];
  const byHash = cls.nodes.length > SMALL_CLASS ? new Map<number, CapacityGroup[]>() : undefined;
  for (const node of cls.nodes) {
    const hash = capacityHash(node, width);
    let group: CapacityGroup | undefined;
    if (byHash) {
      group = byHash.get(hash)?.find(g => sameCapacity(g.node, node, width));
    } else {
      for (let g = 0; g < groups.length && !group; g++) {
        if (hashes[g] === hash && sameCapacity(groups[g].node, node, width)) group = groups[g];
      }
    }
    if (group) {
      group.count++;
      continue;
    }
    const created = { node, count: 1 };
    groups.push(created);
    hashes.push(hash);
    if (byHash) byHash.set(hash, [...(byHash.get(hash) ?? []), created]);
  }
  cls.capacityGroups = groups;
  return groups;
}

/**
 * Whether at least half of the nodes are alike to the one before them.
 * Grouping hashes every node and keeps an object per group: it pays for
 * pools of many nodes alike (one machine type, the same port taken
 * everywhere), not for classes whose nodes each run their own pods (at
 * design scale 200,000 nodes would make 157,000 groups). A class's nodes
 * are in order of free cpu, so nodes alike sit next to each other, mostly.
 */
function worthGrouping(nodes: readonly NodeRecord[], width: number): boolean {
  let alike = 0;
  for (let i = 1; i < nodes.length; i++) if (sameCapacity(nodes[i - 1], nodes[i], width)) alike++;
  return alike * 2 >= nodes.length;
}

/**
 * Highest score first, in a stable order: short lists (most classes' nodes,
 * most pools' classes) in place, without the copy a sort makes for each.
 */
function highestFirst<T>(items: T[], score: (item: T) => number) {
  if (items.length > SMALL_CLASS) {
    items.sort((a, b) => score(b) - score(a));
    return;
  }
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    const value = score(item);
    let j = i - 1;
    while (j >= 0 && score(items[j]) < value) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = item;
  }
}

const nodeCount = (cls: NodeClass) => cls.nodes.length;

/** Adds a list to a class's distinct DaemonSet-pod lists: searched while few, a set per class past that. */
class DistinctLists {
  private readonly sets = new Map<NodeClass, Set<readonly DaemonPod[]>>();

  add(cls: NodeClass, list: readonly DaemonPod[]) {
    const lists = cls.daemonPodLists;
    if (lists.length === 0) {
      // Most classes run one list: an array of one, not one grown by a push (room for 17).
      cls.daemonPodLists = [list];
      return;
    }
    if (lists.length < SMALL_CLASS) {
      if (!lists.includes(list)) lists.push(list);
      return;
    }
    let set = this.sets.get(cls);
    if (!set) this.sets.set(cls, (set = new Set(lists)));
    if (set.has(list)) return;
    set.add(list);
    lists.push(list);
  }
}

export interface PlacedNodes {
  /** Node classes by id. */
  classes: NodeClass[];
  /** Every zone a node is in or a pool definition names, sorted. */
  zones: string[];
}

/**
 * Nodes' free amounts by resource index (slot 0: free pod slots): the
 * allocatable vector of each distinct allocatable map (nodes of one machine
 * type share theirs) less what the node's pods request.
 */
class FreeWriter {
  private readonly allocatableVectors = new Map<ResourceMap, Float64Array>();
  /** The requested-amount columns of the resources a vector has, with their index. */
  private readonly requested: Array<{ id: number; amounts: Float64Array }> = [];

  constructor(
    private readonly resources: ResourceIndex,
    requestedByNode: RequestedByNode,
  ) {
    for (const [name, amounts] of requestedByNode.entries()) {
      const id = resources.id(name);
      if (id > PODS) this.requested.push({ id, amounts });
    }
  }

  /** Writes the node's free amounts from `at` on. */
  write(node: NodeRecord, free: Float64Array, at: number) {
    const { allocatable } = node;
    let base = this.allocatableVectors.get(allocatable);
    if (!base) this.allocatableVectors.set(allocatable, (base = this.resources.vector(allocatable)));
    free.set(base, at);
    const slot = node.index;
    for (let r = 0; r < this.requested.length; r++) {
      const { id, amounts } = this.requested[r];
      if (slot < amounts.length) free[at + id] -= amounts[slot];
    }
    free[at + PODS] = base[PODS] - node.podCount;
    node.free = free;
    node.freeAt = at;
  }
}

/**
 * Places every node, each read once while it is in the processor's cache:
 * its free amounts (what its bound pods take was summed while reading), its pool and its
 * class (nodes of one shape, as the reader interned them: the same labels
 * hostname aside, taints and cordon state). Then each pool's classes are
 * put in order.
 */
export function placeNodes(
  input: Pick<ClusterInput, 'nodes' | 'nodeShapes' | 'requestedByNode'>,
  pools: ClusterPools,
  resources: ResourceIndex,
  taintSets: Interner,
  nextShapeId: () => number,
): PlacedNodes {
  const { nodes, nodeShapes } = input;
  const classList: NodeClass[] = [];
  const classOfShape: NodeClass[] = [];
  const zones = new Set<string>();
  // One buffer for every node's vector, each node at its own offset: a
  // buffer or even a view of its own per node (200,000 of them) would cost
  // more than the few numbers it holds.
  const width = resources.names.length;
  const all = new Float64Array(nodes.length * width);
  // The classes' most room, likewise: a class per shape at most.
  const classRoom = new Float64Array(nodeShapes.shapes.length * width).fill(-Infinity);
  let classCount = 0;
  // Nodes placed so far, by shape (a class per shape).
  const placed = new Int32Array(nodeShapes.shapes.length);
  const listsOfClasses = new DistinctLists();
  const freeWriter = new FreeWriter(resources, input.requestedByNode);
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    const at = n * width;
    freeWriter.write(node, all, at);
    let cls = classOfShape[node.shape];
    if (!cls) {
      const pool = pools.ofNode(node);
      const shape = nodeShapes.shapes[node.shape];
      cls = {
        id: nextShapeId(),
        labels: nodeShapes.labelsOf(node.shape),
        taints: shape.taints,
        taintsId: taintSets.id(shape.taintsKey),
        unschedulable: shape.unschedulable,
        pool,
        // Exactly as long as the class: 30,000 arrays grown by pushes would keep room for twice their nodes.
        nodes: new Array(nodeShapes.nodeCounts[node.shape]),
        daemonPodLists: [],
        maxFreeVector: classRoom,
        maxFreeAt: classCount++ * width,
        freeWidth: width,
      };
      classOfShape[node.shape] = cls;
      classList[cls.id] = cls;
      pool.classes.push(cls);
      const zone = zoneOf(cls.labels);
      if (zone) zones.add(zone);
    }
    node.classId = cls.id;
    node.poolIndex = cls.pool.index;
    cls.pool.nodeCount++;
    const classAt = cls.maxFreeAt;
    for (let r = 0; r < width; r++) if (all[at + r] > classRoom[classAt + r]) classRoom[classAt + r] = all[at + r];
    cls.nodes[placed[node.shape]++] = node;
    // A template's overhead reads each list once: gathered here, while the node is at hand.
    if (cls.daemonPodLists[cls.daemonPodLists.length - 1] !== node.daemonPods) listsOfClasses.add(cls, node.daemonPods);
  }
  // The shapes counted every node read: a list of nodes built otherwise may hold fewer.
  classOfShape.forEach((cls, shape) => {
    if (placed[shape] < cls.nodes.length) cls.nodes.length = placed[shape];
  });
  const poolList = pools.list();
  const poolRoom = new Float64Array(poolList.length * width).fill(-Infinity);
  for (const pool of poolList) {
    // Largest class first: it is the pool's typical node. Within a class the
    // node with the most free cpu comes first, so a search can stop early.
    highestFirst(pool.classes, nodeCount);
    pool.maxFreeVector = poolRoom;
    pool.maxFreeAt = pool.index * width;
    for (const cls of pool.classes) {
      highestFirst(cls.nodes, freeCpu);
      for (let r = 0; r < width; r++) {
        const most = classRoom[cls.maxFreeAt + r];
        if (most > poolRoom[pool.maxFreeAt + r]) poolRoom[pool.maxFreeAt + r] = most;
      }
    }
    for (const zone of pool.spec?.zones ?? []) zones.add(zone);
  }
  return { classes: classList, zones: [...zones].sort() };
}
