import { SharedLists } from './sharedLists';

const NONE: readonly never[] = [];

describe('SharedLists', () => {
  it('gives the same list for the same items appended in the same order', () => {
    const lists = new SharedLists<string>();
    const a = lists.append(lists.append(NONE, 'x'), 'y');
    const b = lists.append(lists.append(NONE, 'x'), 'y');
    expect(b).toBe(a);
    expect(a).toEqual(['x', 'y']);
  });

  it('tells apart another order, another item and a repeated item', () => {
    const lists = new SharedLists<string>();
    const xy = lists.append(lists.append(NONE, 'x'), 'y');
    const yx = lists.append(lists.append(NONE, 'y'), 'x');
    const xz = lists.append(lists.append(NONE, 'x'), 'z');
    const xyy = lists.append(xy, 'y');
    expect(yx).not.toBe(xy);
    expect(xz).not.toBe(xy);
    expect(xyy).toEqual(['x', 'y', 'y']);
  });

  it('never changes a list it gave out', () => {
    const lists = new SharedLists<number>();
    const one = lists.append(NONE, 1);
    lists.append(one, 2);
    lists.append(one, 3);
    expect(one).toEqual([1]);
    expect(NONE).toEqual([]);
  });

  it('compares items by identity: equal objects are different items', () => {
    const lists = new SharedLists<{ port: number }>();
    expect(lists.append(NONE, { port: 80 })).not.toBe(lists.append(NONE, { port: 80 }));
  });
});
