import type { Taint } from '../../model/pool';
import { UNSCHEDULABLE_TAINT } from '../checks/unschedulable';
import { PER_NODE_LABEL_KEYS, zoneOf } from '../labels';
import type { NodeRecord, PodRecord } from '../read';
import { Interner, ResourceIndex } from './indexes';
import { freeCpu, taintsKey } from './nodes';
import type { CapacityGroup, NodeClass, PoolState } from './types';

// A number's bits, to hash free amounts exactly.
const FLOAT = new Float64Array(1);
const FLOAT_BITS = new Uint32Array(FLOAT.buffer);

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193);
}

function mixText(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return mix(h, 0xff);
}

/** A 32-bit FNV-1a hash of the labels other than the per-node ones, to group nodes without building long keys. */
function labelsHash(record: Record<string, string>, skip: ReadonlySet<string>): number {
  let hash = 0x811c9dc5;
  for (const key in record) {
    if (skip.has(key)) continue;
    hash = mixText(mixText(hash, key), record[key]);
  }
  return hash >>> 0;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>, skip: ReadonlySet<string>): boolean {
  let count = 0;
  for (const key in a) {
    if (skip.has(key)) continue;
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const key in b) if (!skip.has(key)) count--;
  return count === 0;
}

/**
 * Indexes every resource a node offers or a pending pod requests, and
 * gives each node its free amounts as a vector (allocatable minus what its
 * pods request; slot 0 free pod slots).
 */
export function freeVectors(nodes: readonly NodeRecord[], pending: readonly PodRecord[]): ResourceIndex {
  const resources = new ResourceIndex();
  for (const node of nodes) for (const name of Object.keys(node.allocatable)) resources.add(name);
  for (const pod of pending) for (const name of Object.keys(pod.requests)) resources.add(name);
  // One buffer for every node's vector: a buffer of its own per node would
  // cost more in bookkeeping than the few numbers it holds.
  const width = resources.names.length;
  const all = new Float64Array(nodes.length * width);
  nodes.forEach((node, n) => {
    const free = all.subarray(n * width, (n + 1) * width);
    for (const [name, allocatable] of Object.entries(node.allocatable)) {
      const id = resources.id(name);
      if (id >= 0) free[id] = allocatable - (node.requested[name] ?? 0);
    }
    for (const [name, requested] of Object.entries(node.requested)) {
      const id = resources.id(name);
      if (id >= 0 && !(name in node.allocatable)) free[id] = -requested;
    }
    free[ResourceIndex.PODS] = (node.allocatable.pods ?? 0) - node.podCount;
    node.free = free;
  });
  return resources;
}

/** A hash of what the capacity checks (room, pod slots, host ports) read of a node. */
function capacityHash(node: NodeRecord): number {
  let hash = 0x811c9dc5;
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

/** Groups each pool's nodes into classes of the same labels (hostname aside), taints and cordon state. */
export function classifyNodes(
  pools: readonly PoolState[],
  resources: ResourceIndex,
  taintSets: Interner,
  nextShapeId: () => number,
): Classes {
  const classList: NodeClass[] = [];
  const zones = new Set<string>();
  for (const pool of pools) {
    const classes = new Map<string, NodeClass[]>();
    const classOf = (node: NodeRecord, checkedTaints: Taint[]): NodeClass => {
      const taints = checkedTaints.length ? taintsKey(checkedTaints) : '';
      const bucket = `${node.unschedulable ? 1 : 0}|${taints}|${labelsHash(node.labels, PER_NODE_LABEL_KEYS)}`;
      let candidates = classes.get(bucket);
      if (!candidates) classes.set(bucket, (candidates = []));
      let found = candidates.find(c => sameLabels(c.nodes[0].labels, node.labels, PER_NODE_LABEL_KEYS));
      if (!found) {
        const labels: Record<string, string> = {};
        for (const k in node.labels) if (!PER_NODE_LABEL_KEYS.has(k)) labels[k] = node.labels[k];
        found = {
          id: nextShapeId(),
          labels,
          taints: checkedTaints,
          taintsId: taintSets.id(taints),
          unschedulable: node.unschedulable,
          projections: new Map(),
          nodes: [],
          maxFree: {},
          maxFreeVector: new Float64Array(resources.names.length).fill(-Infinity),
        };
        candidates.push(found);
        classList[found.id] = found;
      }
      return found;
    };
    let last: NodeClass | undefined;
    for (const node of pool.nodes) {
      const zone = zoneOf(node.labels);
      if (zone) zones.add(zone);
      // A cordoned node carries the unschedulable taint; the cordon check already reports it.
      const checkedTaints = node.unschedulable
        ? node.taints.filter(t => t.key !== UNSCHEDULABLE_TAINT.key)
        : node.taints;
      // The nodes of a pool mostly share one class: an untainted node tries the last one first.
      let cls =
        last &&
        checkedTaints.length === 0 &&
        last.taints.length === 0 &&
        last.unschedulable === node.unschedulable &&
        sameLabels(last.labels, node.labels, PER_NODE_LABEL_KEYS)
          ? last
          : undefined;
      if (!cls) cls = classOf(node, checkedTaints);
      last = cls;
      node.classId = cls.id;
      for (let r = 0; r < node.free.length; r++) {
        if (node.free[r] > cls.maxFreeVector[r]) cls.maxFreeVector[r] = node.free[r];
      }
      cls.nodes.push(node);
    }
    // Largest class first: it is the pool's typical node. Within a class the
    // node with the most free cpu comes first, so a search can stop early.
    pool.classes = [...classes.values()].flat().sort((a, b) => b.nodes.length - a.nodes.length);
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
