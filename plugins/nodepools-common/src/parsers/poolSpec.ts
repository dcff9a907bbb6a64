import type { PoolSpec } from '../model/pool';
import type { RecordReader } from './fields';
import type { ExportContext } from './types';

/**
 * Ends an item parser: throws the record's problems, if any; else hands the
 * fields it read leniently to `ctx.onWarning` and returns the pool without
 * undefined-valued keys (so stored and compared pools only carry what the
 * provider said).
 */
export function completePool(
  reader: RecordReader,
  pool: PoolSpec,
  ctx: ExportContext,
): PoolSpec {
  reader.finish();
  for (const warning of reader.fieldWarnings()) {
    ctx.onWarning?.({ ...warning, severity: 'warning' });
  }
  return Object.fromEntries(
    Object.entries(pool).filter(([, value]) => value !== undefined),
  ) as unknown as PoolSpec;
}
