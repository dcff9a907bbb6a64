import { createHash } from 'node:crypto';
import { PoolSpec, poolRef } from '@nodepools/plugin-nodepools-common';
import type { PreparedPool, StoredSpec } from '../store/PoolStore';
import { OwnerHints, OwnershipConfig, resolveOwner } from './ownership';
import { stableJson } from '../store/stableJson';

/** Turns a parsed pool into what the store writes: ref, owner, fingerprint. */
export function preparePool(
  parsed: PoolSpec,
  ownership: OwnershipConfig,
  hints?: OwnerHints,
): PreparedPool {
  const { raw, ...rest } = parsed;
  const spec: StoredSpec = { ...rest, ...resolveOwner(parsed, ownership, hints) };
  const fingerprint = createHash('sha256')
    .update(stableJson(spec))
    .update('\0')
    .update(stableJson(raw ?? null))
    .digest('hex');
  return { ref: poolRef(parsed), spec, raw, fingerprint };
}
