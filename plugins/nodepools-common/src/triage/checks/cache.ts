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

/**
 * A yes/no cached by id (1 passes, 2 fails), worked out from the subject's
 * findings the first time. Takes the explain function and its subject
 * rather than a closure: this runs for every node class of every signature.
 */
export function cachedVerdict<T>(
  verdicts: Verdicts,
  id: number,
  subject: T,
  explain: (subject: T) => readonly unknown[],
): boolean {
  let verdict = verdicts.get(id);
  if (verdict === 0) {
    verdict = explain(subject).length === 0 ? 1 : 2;
    verdicts.set(id, verdict);
  }
  return verdict === 1;
}
