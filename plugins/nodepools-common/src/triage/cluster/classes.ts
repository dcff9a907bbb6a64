import { zoneOf } from '../labels';
import type { NodeRecord } from '../read';
import { Interner, ResourceIndex } from './indexes';
import { FNV_OFFSET, mix, mixNumber, mixText } from './hash';
import { freeCpu } from './nodes';
import type { ClusterPools } from './pools';
import { resourcesHash, sameResources } from './sharedResourceMaps';
import type { CapacityGroup, ClusterInput, NodeClass } from './types';

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
 * one node per group. Worked out once, when first asked for.
 */
export function capacityGroupsOf(cls: NodeClass): CapacityGroup[] {
  if (cls.capacityGroups) return cls.capacityGroups;
  const groups: CapacityGroup[] = [];
  // Most classes hold a few nodes: their groups' hashes are searched in a
  // list; a map per class (30,000 of them at design scale) only for large ones.
  const hashes: number[] = [];
  const byHash = cls.nodes.length > SMALL_CLASS ? new Map<number, CapacityGroup[]>() : undefined;
  // Every node's vector is as wide as its class's largest free amounts.
  const width = cls.freeWidth;
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

/** Nodes with the most free cpu first, in a stable order: small classes without the copy a sort makes. */
function byFreeCpu(nodes: NodeRecord[]) {
  if (nodes.length > SMALL_CLASS) {
    nodes.sort((a, b) => freeCpu(b) - freeCpu(a));
    return;
  }
  for (let i = 1; i < nodes.length; i++) {
    const node = nodes[i];
    const cpu = freeCpu(node);
    let j = i - 1;
    while (j >= 0 && freeCpu(nodes[j]) < cpu) {
      nodes[j + 1] = nodes[j];
      j--;
    }
    nodes[j + 1] = node;
  }
}

export interface PlacedNodes {
  /** Node classes by id. */
  classes: NodeClass[];
  /** Every zone a node is in or a pool definition names, sorted. */
  zones: string[];
}

/** A node's free amounts by resource index, written from `at` on (slot 0: free pod slots). */
function writeFree(node: NodeRecord, resources: ResourceIndex, free: Float64Array, at: number) {
  // for-in, not Object.entries: 200,000 nodes' entry arrays are garbage worth collecting.
  const { allocatable, requested } = node;
  for (const name in allocatable) {
    if (!Object.hasOwn(allocatable, name)) continue;
    const id = resources.id(name);
    if (id >= 0) free[at + id] = allocatable[name] - (requested[name] ?? 0);
  }
  for (const name in requested) {
    if (!Object.hasOwn(requested, name) || Object.hasOwn(allocatable, name)) continue;
    const id = resources.id(name);
    if (id >= 0) free[at + id] = -requested[name];
  }
  free[at + ResourceIndex.PODS] = (allocatable.pods ?? 0) - node.podCount;
  node.free = free;
  node.freeAt = at;
}

/**
 * Places every node, each read once while it is in the processor's cache:
 * its free amounts (what its bound pods take was summed while reading), its pool and its
 * class (nodes of one shape, as the reader interned them: the same labels
 * hostname aside, taints and cordon state). Then each pool's classes are
 * put in order.
 */
export function placeNodes(
  input: Pick<ClusterInput, 'nodes' | 'nodeShapes'>,
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
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    const at = n * width;
    writeFree(node, resources, all, at);
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
        projections: undefined,
        pool,
        nodes: [],
        maxFree: {},
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
    cls.nodes.push(node);
  }
  const poolList = pools.list();
  const poolRoom = new Float64Array(poolList.length * width).fill(-Infinity);
  for (const pool of poolList) {
    // Largest class first: it is the pool's typical node. Within a class the
    // node with the most free cpu comes first, so a search can stop early.
    if (pool.classes.length > 1) pool.classes.sort((a, b) => b.nodes.length - a.nodes.length);
    pool.maxFreeVector = poolRoom;
    pool.maxFreeAt = pool.index * width;
    for (const cls of pool.classes) {
      byFreeCpu(cls.nodes);
      for (let r = 0; r < width; r++) {
        const most = classRoom[cls.maxFreeAt + r];
        if (most !== -Infinity) cls.maxFree[resources.names[r]] = most;
        if (most > poolRoom[pool.maxFreeAt + r]) poolRoom[pool.maxFreeAt + r] = most;
      }
    }
    for (const zone of pool.spec?.zones ?? []) zones.add(zone);
  }
  return { classes: classList, zones: [...zones].sort() };
}
