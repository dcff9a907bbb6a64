import type { PoolSpec } from '../model/pool';
import type { RecordReader } from './fields';

/**
 * Ends an item parser: throws the record's problems, if any, else returns the
 * pool without undefined-valued keys (so stored and compared pools only carry
 * what the provider said).
 */
export function completePool(reader: RecordReader, pool: PoolSpec): PoolSpec {
  reader.finish();
  return Object.fromEntries(
    Object.entries(pool).filter(([, value]) => value !== undefined),
  ) as unknown as PoolSpec;
}
