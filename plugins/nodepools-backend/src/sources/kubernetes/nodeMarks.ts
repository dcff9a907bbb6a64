import type { ObservedMark, TaintEffect } from '@nodepools/plugin-nodepools-common';

/** Marks counted per pool: a pool whose nodes carry more distinct ones is cut there. */
export const MAX_MARKS = 64;
/** Node names kept per mark, both those that carry it and those that lack it. */
const EXAMPLES = 3;

/** A label (`key`, `value`) or taint (`key`, `value`, `effect`) one node carries. */
export interface NodeMark {
  key: string;
  value?: string;
  effect?: TaintEffect;
}

interface Counted extends ObservedMark {
  id: string;
}

/**
 * Counts how many of a pool's nodes carry each label or taint, keeping a
 * few nodes that do and a few that do not, one node at a time; the nodes
 * themselves are not kept. A mark first seen on the fifth node is missing
 * from the four before it, named from the first nodes seen.
 */
export class MarkCounter {
  private readonly marks = new Map<string, Counted>();
  private readonly firstNodes: string[] = [];

  addNode(node: string, carried: ReadonlyMap<string, NodeMark>): void {
    for (const mark of this.marks.values()) {
      if (!carried.has(mark.id) && mark.missingFrom.length < EXAMPLES) mark.missingFrom.push(node);
    }
    for (const [id, mark] of carried) {
      let counted = this.marks.get(id);
      if (!counted) {
        if (this.marks.size >= MAX_MARKS) continue;
        counted = { id, ...mark, nodes: 0, carriedBy: [], missingFrom: this.firstNodes.slice(0, EXAMPLES) };
        this.marks.set(id, counted);
      }
      counted.nodes += 1;
      if (counted.carriedBy.length < EXAMPLES) counted.carriedBy.push(node);
    }
    if (this.firstNodes.length < EXAMPLES) this.firstNodes.push(node);
  }

  counts(): ObservedMark[] {
    return [...this.marks.values()]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map(({ id: _id, ...mark }) => mark);
  }
}
