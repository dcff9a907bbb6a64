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

/** One number from two small ids, for cache keys. */
export function pair(a: number, b: number): number {
  return a * 0x4000000 + b;
}
