import { zoneOf } from '../labels';
import type { NodeRecord, PodRecord } from '../read';
import { Interner, ResourceIndex } from './indexes';
import { FNV_OFFSET, mix, mixText } from './hash';
import { freeCpu } from './nodes';
import type { NodeShapes } from './nodeShapes';
import type { CapacityGroup, NodeClass, PoolState } from './types';

// A number's bits, to hash free amounts exactly.
const FLOAT = new Float64Array(1);
const FLOAT_BITS = new Uint32Array(FLOAT.buffer);

/**
 * Indexes every resource a node offers or a pending pod requests, and
 * gives each node its free amounts as a vector (allocatable minus what its
 * pods request; slot 0 free pod slots).
 */
export function freeVectors(nodes: readonly NodeRecord[], pending: readonly PodRecord[]): ResourceIndex {
  const resources = new ResourceIndex();
  for (let n = 0; n < nodes.length; n++) {
    const allocatable = nodes[n].allocatable;
    for (const name in allocatable) if (Object.hasOwn(allocatable, name)) resources.add(name);
  }
  for (const pod of pending) for (const name of Object.keys(pod.requests)) resources.add(name);
  // One buffer for every node's vector: a buffer of its own per node would
  // cost more in bookkeeping than the few numbers it holds.
  const width = resources.names.length;
  const all = new Float64Array(nodes.length * width);
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    const free = all.subarray(n * width, (n + 1) * width);
    // for-in, not Object.entries: 200,000 nodes' entry arrays are garbage worth collecting.
    const { allocatable, requested } = node;
    for (const name in allocatable) {
      if (!Object.hasOwn(allocatable, name)) continue;
      const id = resources.id(name);
      if (id >= 0) free[id] = allocatable[name] - (requested[name] ?? 0);
    }
    for (const name in requested) {
      if (!Object.hasOwn(requested, name) || Object.hasOwn(allocatable, name)) continue;
      const id = resources.id(name);
      if (id >= 0) free[id] = -requested[name];
    }
    free[ResourceIndex.PODS] = (allocatable.pods ?? 0) - node.podCount;
    node.free = free;
  }
  return resources;
}

/** A hash of what the capacity checks (room, pod slots, host ports) read of a node. */
function capacityHash(node: NodeRecord): number {
  let hash = FNV_OFFSET;
  for (let r = 0; r < node.free.length; r++) {
    FLOAT[0] = node.free[r];
    hash = mix(mix(hash, FLOAT_BITS[0]), FLOAT_BITS[1]);
  }
  for (const name in node.allocatable) {
    if (!Object.hasOwn(node.allocatable, name)) continue;
    FLOAT[0] = node.allocatable[name];
    hash = mix(mix(mixText(hash, name), FLOAT_BITS[0]), FLOAT_BITS[1]);
  }
  for (const port of node.usedPorts) hash = mix(mixText(mixText(hash, port.ip), port.protocol), port.port);
  return hash >>> 0;
}

/** Whether the capacity checks read the same of both nodes. */
function sameCapacity(a: NodeRecord, b: NodeRecord): boolean {
  if (a.free.length !== b.free.length || a.usedPorts.length !== b.usedPorts.length) return false;
  for (let r = 0; r < a.free.length; r++) if (!Object.is(a.free[r], b.free[r])) return false;
  const names = Object.keys(a.allocatable);
  if (names.length !== Object.keys(b.allocatable).length) return false;
  for (const name of names) if (!Object.is(a.allocatable[name], b.allocatable[name])) return false;
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
  const byHash = new Map<number, CapacityGroup[]>();
  for (const node of cls.nodes) {
    const hash = capacityHash(node);
    let alike = byHash.get(hash);
    if (!alike) byHash.set(hash, (alike = []));
    const group = alike.find(g => sameCapacity(g.node, node));
    if (group) group.count++;
    else {
      const created = { node, count: 1 };
      alike.push(created);
      groups.push(created);
    }
  }
  cls.capacityGroups = groups;
  return groups;
}

export interface Classes {
  /** Node classes by id. */
  classes: NodeClass[];
  /** Every zone a node is in or a pool definition names, sorted. */
  zones: string[];
}

/**
 * Groups each pool's nodes into classes of the same labels (hostname
 * aside), taints and cordon state: the shapes the reader interned.
 */
export function classifyNodes(
  pools: readonly PoolState[],
  shapes: NodeShapes,
  resources: ResourceIndex,
  taintSets: Interner,
  nextShapeId: () => number,
): Classes {
  const classList: NodeClass[] = [];
  const classOfShape: NodeClass[] = [];
  const zones = new Set<string>();
  for (const pool of pools) {
    const classes: NodeClass[] = [];
    for (const node of pool.nodes) {
      let cls = classOfShape[node.shape];
      if (!cls) {
        const shape = shapes.shapes[node.shape];
        cls = {
          id: nextShapeId(),
          labels: shapes.labelSets[shape.labelSet],
          taints: shape.taints,
          taintsId: taintSets.id(shape.taintsKey),
          unschedulable: shape.unschedulable,
          projections: new Map(),
          nodes: [],
          maxFree: {},
          maxFreeVector: new Float64Array(resources.names.length).fill(-Infinity),
        };
        classOfShape[node.shape] = cls;
        classList[cls.id] = cls;
        classes.push(cls);
        const zone = zoneOf(cls.labels);
        if (zone) zones.add(zone);
      }
      node.classId = cls.id;
      const free = node.free;
      const maxFree = cls.maxFreeVector;
      for (let r = 0; r < free.length; r++) if (free[r] > maxFree[r]) maxFree[r] = free[r];
      cls.nodes.push(node);
    }
    // Largest class first: it is the pool's typical node. Within a class the
    // node with the most free cpu comes first, so a search can stop early.
    pool.classes = classes.sort((a, b) => b.nodes.length - a.nodes.length);
    pool.maxFreeVector = new Float64Array(resources.names.length).fill(-Infinity);
    for (const cls of pool.classes) {
      cls.nodes.sort((a, b) => freeCpu(b) - freeCpu(a));
      resources.names.forEach((name, r) => {
        if (cls.maxFreeVector[r] !== -Infinity) cls.maxFree[name] = cls.maxFreeVector[r];
      });
      for (let r = 0; r < cls.maxFreeVector.length; r++) {
        if (cls.maxFreeVector[r] > pool.maxFreeVector[r]) pool.maxFreeVector[r] = cls.maxFreeVector[r];
      }
    }
    for (const zone of pool.spec?.zones ?? []) zones.add(zone);
  }
  return { classes: classList, zones: [...zones].sort() };
}
