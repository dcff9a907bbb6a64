import type { ResourceMap } from '../read';

/**
 * Resource names as small indexes, so room checks compare typed arrays
 * instead of looking names up. Slot 0 is free pod slots, 1 is cpu.
 */
export class ResourceIndex {
  static readonly PODS = 0;
  static readonly CPU = 1;
  readonly names: string[] = ['pods', 'cpu', 'memory'];
  private readonly ids = new Map(this.names.map((name, i) => [name, i] as const));

  add(name: string) {
    if (!this.ids.has(name)) {
      this.ids.set(name, this.names.length);
      this.names.push(name);
    }
  }

  copy(): ResourceIndex {
    const copy = new ResourceIndex();
    for (const name of this.names) copy.add(name);
    return copy;
  }

  /** -1 for a resource no node and no pending pod names: nothing has it. */
  id(name: string): number {
    return this.ids.get(name) ?? -1;
  }

  /** Free amounts as a vector; `pods` is the number of free pod slots. */
  vector(free: ResourceMap): Float64Array {
    const vector = new Float64Array(this.names.length);
    for (const [name, amount] of Object.entries(free)) {
      const id = this.ids.get(name);
      if (id !== undefined) vector[id] = amount;
    }
    return vector;
  }
}

/** Interns strings to small numbers, so caches can key on numbers. */
export class Interner {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
}
