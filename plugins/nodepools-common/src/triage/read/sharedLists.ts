/**
 * Lists built by appending, shared by every owner that appended the same
 * items in the same order: the nodes of a pool run the same DaemonSet pods
 * and claim the same host ports, so 200,000 nodes hold a few lists between
 * them instead of one copy each. A shared list is never changed; appending
 * returns another one.
 */
export class SharedLists<T> {
  private readonly next = new Map<readonly T[], Map<T, readonly T[]>>();

  /** The shared list of `list`'s items followed by `item`. */
  append(list: readonly T[], item: T): readonly T[] {
    let byItem = this.next.get(list);
    if (!byItem) this.next.set(list, (byItem = new Map()));
    let appended = byItem.get(item);
    if (!appended) byItem.set(item, (appended = [...list, item]));
    return appended;
  }
}
