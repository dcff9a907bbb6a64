import { createHash } from 'node:crypto';

/**
 * One of the scheduled tasks a source's scopes are shared out between:
 * `index` of `count` (from 0). Each scope belongs to exactly one shard, by a
 * stable hash of its key, so every replica and every run agree on it.
 */
export interface SyncShard {
  index: number;
  count: number;
}

/** The shard of `count` that a scope key belongs to. */
export function shardOfScope(scope: string, count: number): number {
  return createHash('sha256').update(scope).digest().readUInt32BE(0) % count;
}

/** Whether a scope is one this shard lists; every scope is, without sharding. */
export function inShard(scope: string, shard: SyncShard | undefined): boolean {
  return !shard || shardOfScope(scope, shard.count) === shard.index;
}

/** How a shard is stored and shown: `2/3` is the second of three. */
export function shardKey(shard: SyncShard): string {
  return `${shard.index + 1}/${shard.count}`;
}
