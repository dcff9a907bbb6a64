import { createConcurrencyLimiter, mapAll, mapSettled } from './limiter';

/** A task the test finishes by hand, so overlap is observed, not timed. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('createConcurrencyLimiter', () => {
  it('runs at most the limit at once and starts waiting tasks in order', async () => {
    const limit = createConcurrencyLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    const results = Promise.allSettled(runs);
    await flush();
    expect(started).toEqual([0, 1]);
    expect([limit.active, limit.pending]).toEqual([2, 2]);

    gates[1].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);

    gates[0].reject(new Error('boom'));
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2].resolve();
    gates[3].resolve();

    expect((await results).map(r => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect([limit.active, limit.pending]).toEqual([0, 0]);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow('positive integer, got 0');
    expect(() => createConcurrencyLimiter(1.5)).toThrow('positive integer');
  });
});

describe('mapSettled', () => {
  it('keeps input order and reports each failure', async () => {
    const results = await mapSettled([3, 1, 2], 2, async n => {
      if (n === 1) throw new Error('one');
      return n * 10;
    });
    expect(results).toEqual([
      { status: 'fulfilled', value: 30 },
      { status: 'rejected', reason: new Error('one') },
      { status: 'fulfilled', value: 20 },
    ]);
  });
});

describe('mapAll', () => {
  it('returns results in input order', async () => {
    await expect(mapAll(['a', 'b', 'c'], 2, async s => s.toUpperCase())).resolves.toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('starts nothing after a failure and rejects once running calls end', async () => {
    const started: number[] = [];
    const slow = deferred();
    let slowFinished = false;
    const run = mapAll([0, 1, 2, 3], 2, async n => {
      started.push(n);
      if (n === 0) throw new Error('first failed');
      await slow.promise;
      slowFinished = true;
      return n;
    });
    await flush();
    slow.resolve();

    await expect(run).rejects.toThrow('first failed');
    expect(slowFinished).toBe(true);
    expect(started).toEqual([0, 1]);
  });
});
