import type { Taint } from '../../model/pool';
import { UNSCHEDULABLE_TAINT } from '../checks/unschedulable';
import { PER_NODE_LABEL_KEYS } from '../labels';
import type { NodeRecord } from '../read';
import { FNV_OFFSET, mixText } from './hash';
import { taintsKey } from './nodes';

/** What the label and taint checks read of a node: the same for every node of a class. */
export interface NodeShapeKey {
  /** Position of its labels (the per-node ones left out) in `NodeShapes.labelSets`. */
  labelSet: number;
  /** Its taints but the cordon's own: the cordon check reports that one. */
  taints: Taint[];
  taintsKey: string;
  unschedulable: boolean;
}

/**
 * A hash of the labels other than the per-node ones that does not depend
 * on their order: equal label sets listed in another order are one set.
 */
function labelsHash(labels: Readonly<Record<string, string>>): number {
  let hash = 0;
  for (const key in labels) {
    if (!Object.hasOwn(labels, key) || PER_NODE_LABEL_KEYS.has(key)) continue;
    hash = (hash + mixText(mixText(FNV_OFFSET, key), labels[key])) | 0;
  }
  return hash;
}

/** Whether `node` has exactly the labels of `set` besides the per-node ones. */
function sameLabelSet(set: Readonly<Record<string, string>>, size: number, node: Readonly<Record<string, string>>): boolean {
  let count = 0;
  for (const key in node) {
    if (!Object.hasOwn(node, key) || PER_NODE_LABEL_KEYS.has(key)) continue;
    if (set[key] !== node[key] || !Object.hasOwn(set, key)) return false;
    count++;
  }
  return count === size;
}

/**
 * Interns nodes' shapes as they are read: their labels without the per-node
 * ones (hostname), their taints and cordon state. Nodes of one shape are
 * one class of one pool (the pool is named by labels), so the cluster's
 * state groups 200,000 nodes by a number. Done while a node's labels are
 * fresh from parsing: walking them again later reads cold memory.
 */
export class NodeShapes {
  /** Distinct label sets, the per-node labels left out. */
  readonly labelSets: Array<Readonly<Record<string, string>>> = [];
  readonly shapes: NodeShapeKey[] = [];
  /** How many nodes were given each shape. */
  readonly nodeCounts: number[] = [];
  private readonly setSizes: number[] = [];
  private readonly setsByHash = new Map<number, number[]>();
  /** By label set: the shape of a schedulable node without taints, the most common kind. */
  private readonly plainShapes: number[] = [];
  private readonly otherShapes = new Map<string, number>();

  shapeOf(node: NodeRecord): number {
    const shape = this.findShape(node);
    this.nodeCounts[shape]++;
    return shape;
  }

  labelsOf(shape: number): Readonly<Record<string, string>> {
    return this.labelSets[this.shapes[shape].labelSet];
  }

  private findShape(node: NodeRecord): number {
    const labelSet = this.labelSetOf(node.labels);
    if (node.taints.length === 0 && !node.unschedulable) {
      let shape = this.plainShapes[labelSet];
      if (shape === undefined) this.plainShapes[labelSet] = shape = this.add(labelSet, node.taints, '', false);
      return shape;
    }
    const taints = node.unschedulable ? node.taints.filter(t => t.key !== UNSCHEDULABLE_TAINT.key) : node.taints;
    const key = taintsKey(taints);
    const text = `${labelSet}|${node.unschedulable ? 1 : 0}|${key}`;
    let shape = this.otherShapes.get(text);
    if (shape === undefined) this.otherShapes.set(text, (shape = this.add(labelSet, taints, key, node.unschedulable)));
    return shape;
  }

  private add(labelSet: number, taints: Taint[], key: string, unschedulable: boolean): number {
    this.shapes.push({ labelSet, taints, taintsKey: key, unschedulable });
    this.nodeCounts.push(0);
    return this.shapes.length - 1;
  }

  private labelSetOf(labels: Readonly<Record<string, string>>): number {
    const hash = labelsHash(labels);
    let sets = this.setsByHash.get(hash);
    if (!sets) this.setsByHash.set(hash, (sets = []));
    for (const id of sets) if (sameLabelSet(this.labelSets[id], this.setSizes[id], labels)) return id;
    const kept: Record<string, string> = {};
    let size = 0;
    for (const key in labels) {
      if (!Object.hasOwn(labels, key) || PER_NODE_LABEL_KEYS.has(key)) continue;
      kept[key] = labels[key];
      size++;
    }
    this.labelSets.push(kept);
    this.setSizes.push(size);
    sets.push(this.labelSets.length - 1);
    return this.labelSets.length - 1;
  }
}
