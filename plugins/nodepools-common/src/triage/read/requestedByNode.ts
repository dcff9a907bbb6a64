import type { ResourceMap } from './requests';

/** Slots a column starts with; it doubles as nodes come. */
const FIRST_SIZE = 1024;

/**
 * What the bound pods of each node request, summed while they are read: a
 * column per resource with a slot per node (the node's position in its
 * list). A map per node would be 200,000 objects at design scale, kept for
 * the whole analysis; these are a few typed arrays outside the heap.
 */
export class RequestedByNode {
  private readonly columns = new Map<string, Float64Array>();
  private size = 0;

  /** Adds a pod's (or pods') requests to the node at `slot`. */
  add(slot: number, requests: ResourceMap) {
    if (slot >= this.size) this.grow(slot);
    for (const name in requests) {
      if (!Object.hasOwn(requests, name)) continue;
      let column = this.columns.get(name);
      if (!column) this.columns.set(name, (column = new Float64Array(this.size)));
      column[slot] += requests[name];
    }
  }

  /** The columns by resource name: the amount of the node at slot i is at [i]. */
  entries(): IterableIterator<[string, Float64Array]> {
    return this.columns.entries();
  }

  /** The amounts of one node, by resource: what its pods request (none: an empty map). */
  of(slot: number): ResourceMap {
    const amounts: ResourceMap = {};
    if (slot >= this.size) return amounts;
    for (const [name, column] of this.columns) if (column[slot] !== 0) amounts[name] = column[slot];
    return amounts;
  }

  private grow(slot: number) {
    const size = Math.max(FIRST_SIZE, this.size * 2, slot + 1);
    for (const [name, column] of this.columns) {
      const grown = new Float64Array(size);
      grown.set(column);
      this.columns.set(name, grown);
    }
    this.size = size;
  }
}
