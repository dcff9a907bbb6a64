import {
  nodepoolReadPermission,
  type NodePool,
  type NodePoolDetail,
} from '@nodepools/plugin-nodepools-common';
import { notAllowed } from './notAllowed';
import { scopeCovers, type PoolScope } from './poolScope';

/** The decisions on reading pools and their raw records, applied to loaded pools. */
export class PoolReader {
  constructor(
    private readonly read: PoolScope,
    private readonly raw: PoolScope,
  ) {}

  /** Throws NotAllowedError (403) unless the caller may read this pool. */
  check(pool: NodePool): void {
    if (!scopeCovers(this.read, pool)) {
      throw notAllowed(nodepoolReadPermission, `read the node pool '${pool.ref}'`);
    }
  }

  /**
   * The pool as the caller may see it: checked, and without its raw
   * provider record unless `nodepool.raw.read` allows it; the rest of the
   * pool is still shown.
   */
  present(pool: NodePoolDetail): NodePoolDetail {
    this.check(pool);
    if (scopeCovers(this.raw, pool)) return pool;
    const { raw: _omitted, ...withoutRaw } = pool;
    return withoutRaw;
  }
}
