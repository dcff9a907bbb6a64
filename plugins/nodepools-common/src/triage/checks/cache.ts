/** Small verdicts by id, in a byte array that grows as ids appear: 0 not yet known. */
export class Verdicts {
  private bytes = new Uint8Array(64);

  get(id: number): number {
    return id < this.bytes.length ? this.bytes[id] : 0;
  }

  set(id: number, verdict: number) {
    if (id >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[id] = verdict;
  }
}

/** Small numbers by id, in an array that grows as ids appear: 0 not yet known, so callers store a number plus one. */
export class NumbersById {
  private numbers = new Int32Array(1024);

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
