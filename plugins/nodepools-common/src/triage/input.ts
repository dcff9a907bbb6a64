import { NodeShapes, ResourceIndex, SharedResourceMaps, type ClusterInput } from './cluster';
import { PER_NODE_LABEL_KEYS } from './labels';
import type { NodeSelectorTerm } from './kube';
import type { NodePool, PoolSpec } from '../model/pool';
import {
  PodsReader,
  isObject,
  listItems,
  readEvent,
  readItem,
  readNode,
  type EventRecord,
  type NodeRecord,
} from './read';
import { readPool } from './readPools';
import type { SkippedItem, TriageInput } from './types';

type VolumeRecord = ClusterInput['persistentVolumes'][number];
type ClaimRecord = ClusterInput['persistentVolumeClaims'][number];
type NamespaceRecord = ClusterInput['namespaces'][number];

function readVolume(raw: unknown): VolumeRecord | undefined {
  const pv = raw as Record<string, any>;
  if (!isObject(pv?.metadata) || typeof pv.metadata.name !== 'string') return undefined;
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return {
    name: pv.metadata.name as string,
    labels: isObject(pv.metadata.labels) ? (pv.metadata.labels as Record<string, string>) : {},
    terms: Array.isArray(terms) ? (terms as NodeSelectorTerm[]) : undefined,
  };
}

function readClaim(raw: unknown): ClaimRecord | undefined {
  const pvc = raw as Record<string, any>;
  if (!isObject(pvc?.metadata) || typeof pvc.metadata.name !== 'string') return undefined;
  return {
    namespace: typeof pvc.metadata.namespace === 'string' ? pvc.metadata.namespace : 'default',
    name: pvc.metadata.name as string,
    volumeName: typeof pvc.spec?.volumeName === 'string' ? (pvc.spec.volumeName as string) : undefined,
  };
}

function readNamespace(raw: unknown): NamespaceRecord | undefined {
  const ns = raw as Record<string, any>;
  if (!isObject(ns?.metadata) || typeof ns.metadata.name !== 'string') return undefined;
  return {
    name: ns.metadata.name as string,
    labels: isObject(ns.metadata.labels) ? (ns.metadata.labels as Record<string, string>) : {},
  };
}

/** The kubectl lists a triage reads, by the field of `TriageInput` that holds each. */
export const TRIAGE_LISTS = {
  pods: { list: 'pods', kind: 'Pod', required: true },
  nodes: { list: 'nodes', kind: 'Node', required: true },
  events: { list: 'events', kind: 'Event', required: false },
  persistentVolumes: { list: 'persistentvolumes', kind: 'PersistentVolume', required: false },
  persistentVolumeClaims: { list: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', required: false },
  namespaces: { list: 'namespaces', kind: 'Namespace', required: false },
} as const;
export type TriageListField = keyof typeof TRIAGE_LISTS;

export function isTriageListField(field: string): field is TriageListField {
  return Object.prototype.hasOwnProperty.call(TRIAGE_LISTS, field);
}

/**
 * Reads kubectl lists item by item, from whole lists or as a stream hands
 * the items over, into the records a triage keeps: no item is held once
 * read. Bad items are left out and listed in `skipped`.
 */
export class TriageInputReader {
  private readonly pods: PodsReader;
  private readonly nodes: NodeRecord[] = [];
  private readonly nodesByName = new Map<string, NodeRecord>();
  private readonly shapes = new NodeShapes();
  private readonly resourceMaps = new SharedResourceMaps();
  private readonly resources = new ResourceIndex();
  private readonly events: EventRecord[] = [];
  private readonly persistentVolumes: VolumeRecord[] = [];
  private readonly persistentVolumeClaims: ClaimRecord[] = [];
  private readonly namespaces: NamespaceRecord[] = [];
  private readonly seen = new Set<TriageListField>();

  constructor(readonly skipped: SkippedItem[]) {
    this.pods = new PodsReader(skipped, name => this.nodesByName.get(name));
  }

  /** One item of a list. */
  item(field: TriageListField, raw: unknown, index: number) {
    this.seen.add(field);
    const { list, kind } = TRIAGE_LISTS[field];
    switch (field) {
      case 'pods':
        this.pods.add(raw, index);
        return;
      case 'nodes':
        readItem(raw, index, list, kind, this.skipped, () => this.addNode(readNode(raw, index)));
        return;
      case 'events':
        readItem(raw, index, list, kind, this.skipped, () => {
          const event = readEvent(raw);
          if (event) this.events.push(event);
        });
        return;
      case 'persistentVolumes':
        this.keep(this.persistentVolumes, readVolume(raw));
        return;
      case 'persistentVolumeClaims':
        this.keep(this.persistentVolumeClaims, readClaim(raw));
        return;
      default:
        this.keep(this.namespaces, readNamespace(raw));
    }
  }

  /**
   * A list given whole (a List, an array, or one object of the kind).
   * What is not a list at all throws TriageInputError for pods and nodes,
   * and is listed as skipped for the optional lists.
   */
  list(field: TriageListField, value: unknown) {
    const { list, kind, required } = TRIAGE_LISTS[field];
    if ((value === undefined || value === null) && !required) return;
    let items: unknown[];
    try {
      items = listItems(value, list, kind);
    } catch (e) {
      if (required) throw e;
      this.seen.add(field);
      this.skipped.push({ list, object: list, field: 'items', message: (e as Error).message });
      return;
    }
    this.seen.add(field);
    items.forEach((raw, index) => this.item(field, raw, index));
  }

  /** Pods and nodes are required: a stream that named neither is not a triage input. */
  missing(): TriageListField[] {
    return (['pods', 'nodes'] as const).filter(field => !this.seen.has(field));
  }

  counts() {
    const pods = this.pods.result;
    return { pods: pods.pending.length + pods.placedCount, nodes: this.nodes.length };
  }

  private keep<T>(into: T[], record: T | undefined) {
    if (record !== undefined) into.push(record);
  }

  private addNode(node: NodeRecord) {
    if (this.nodesByName.has(node.name)) {
      this.skipped.push({
        list: 'nodes',
        index: node.index,
        object: `Node ${node.name}`,
        field: 'metadata.name',
        message: 'a node of this name appears earlier in the list',
      });
      return;
    }
    // Pods read before their node summed what they take under its name: the node takes that over, and the name string.
    const usage = this.pods.takeUsage(node.name);
    if (usage) {
      node.name = usage.nodeName;
      this.pods.result.requestedByNode.add(node.index, usage.requested);
      node.podCount = usage.podCount;
      node.usedPorts = usage.usedPorts;
      node.daemonPods = usage.daemonPods;
      usage.node = node;
    }
    node.shape = this.shapes.shapeOf(node);
    this.shareStrings(node);
    const { allocatable } = node;
    node.allocatable = this.resourceMaps.share(allocatable);
    node.capacity = node.capacity === allocatable ? node.allocatable : this.resourceMaps.share(node.capacity);
    for (const name in node.allocatable) if (Object.hasOwn(node.allocatable, name)) this.resources.add(name);
    this.nodesByName.set(node.name, node);
    this.nodes.push(node);
  }

  /**
   * A node's label values as its shape holds them, and its hostname label
   * as its name when they are equal: parsing gave each node copies of its
   * own, 40 MB of equal strings at 200,000 nodes.
   */
  private shareStrings(node: NodeRecord) {
    const { labels, name } = node;
    const shared = this.shapes.labelsOf(node.shape);
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      if (!PER_NODE_LABEL_KEYS.has(key)) labels[key] = shared[key];
      else if (labels[key] === name) labels[key] = name;
    }
  }

  /** What was read, with the pool definitions, for building the cluster. */
  finish(cluster: string | undefined, rawPools: ReadonlyArray<PoolSpec | NodePool> | undefined): ClusterInput {
    const pods = this.pods.result;
    return {
      cluster,
      pools: readPools(rawPools ?? [], this.skipped),
      nodes: this.nodes,
      nodesByName: this.nodesByName,
      requestedByNode: pods.requestedByNode,
      nodeShapes: this.shapes,
      resources: this.resources,
      pendingPods: pods.pending,
      placedCount: pods.placedCount,
      placedByNamespace: pods.placedByNamespace,
      readBeforeTheirNode: pods.readBeforeTheirNode,
      specialPods: pods.special,
      events: this.events,
      persistentVolumes: this.persistentVolumes,
      persistentVolumeClaims: this.persistentVolumeClaims,
      namespaces: this.namespaces,
    };
  }
}

function readPools(raws: ReadonlyArray<PoolSpec | NodePool>, skipped: SkippedItem[]) {
  return raws.flatMap((raw, index) => {
    try {
      return [readPool(raw)];
    } catch (e) {
      const named = isObject(raw) && typeof raw.name === 'string' ? `pool ${raw.name}` : `pools item ${index}`;
      skipped.push({
        list: 'pools',
        index,
        object: named,
        field: (e as { field?: string }).field ?? '(item)',
        message: (e as Error).message,
      });
      return [];
    }
  });
}

/**
 * Reads everything a triage takes: bad items are left out and listed in
 * `skipped`; pods and nodes that are not lists at all throw TriageInputError.
 */
export function readTriageInput(input: TriageInput, skipped: SkippedItem[]): ClusterInput {
  const reader = new TriageInputReader(skipped);
  // Nodes first, so a skipped entry's order is the same as before.
  reader.list('nodes', input.nodes);
  reader.list('pods', input.pods);
  for (const field of ['events', 'persistentVolumes', 'persistentVolumeClaims', 'namespaces'] as const) {
    reader.list(field, input[field]);
  }
  return reader.finish(input.cluster, input.pools);
}
