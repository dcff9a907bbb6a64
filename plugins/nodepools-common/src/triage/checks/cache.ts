/**
 * Small numbers by id (verdicts, interned ids plus one), in an array that
 * grows as ids appear: 0 for an id not set yet.
 */
export class NumbersById {
  private numbers = new Int32Array(64);

  get(id: number): number {
    return id < this.numbers.length ? this.numbers[id] : 0;
  }

  set(id: number, value: number) {
    if (id >= this.numbers.length) {
      const grown = new Int32Array(Math.max(id + 1, this.numbers.length * 2));
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[id] = value;
  }
}

/** One number from two small ids, for cache keys. */
export function pair(a: number, b: number): number {
  return a * 0x4000000 + b;
}
