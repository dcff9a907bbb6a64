import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

/** When a pool whose scope has not been listed in full counts as stale. */
export interface StalenessConfig {
  /** Periods of its source's schedule (default 3). */
  missedRuns: number;
  /** A fixed age for every source instead; also the answer for schedules without a period. */
  afterMs?: number;
}

/** Age used for schedules without a period (cron, manual) when `nodepools.staleness.after` is not set. */
const DEFAULT_UNPERIODIC_MS = 24 * 60 * 60 * 1000;

/** A positive duration at `key` (a HumanDuration object, or a string like `1d` or `P1D`), in milliseconds. */
export function readDurationMs(config: Config, key: string): number | undefined {
  if (!config.has(key)) return undefined;
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!(ms > 0)) throw new Error(`Invalid duration at '${key}': must be longer than zero`);
  return ms;
}

export function readStalenessConfig(config: Config): StalenessConfig {
  const key = 'nodepools.staleness.missedRuns';
  const missedRuns = config.getOptionalNumber(key) ?? 3;
  if (!(missedRuns > 0)) {
    throw new Error(`Invalid number at '${key}': must be greater than zero, got ${missedRuns}`);
  }
  const afterMs = readDurationMs(config, 'nodepools.staleness.after');
  return afterMs === undefined ? { missedRuns } : { missedRuns, afterMs };
}

/** The period of a schedule in milliseconds, or undefined for cron and manual schedules. */
export function frequencyMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number | undefined {
  if ('cron' in frequency || 'trigger' in frequency) return undefined;
  if (typeof (frequency as { toMillis?: unknown }).toMillis === 'function') {
    return (frequency as { toMillis(): number }).toMillis();
  }
  return durationToMilliseconds(frequency as HumanDuration);
}

/** How old a source's last complete listing of a scope may get before its pools are stale. */
export function staleAfterMs(
  schedule: SchedulerServiceTaskScheduleDefinition,
  staleness: StalenessConfig,
): number {
  if (staleness.afterMs !== undefined) return staleness.afterMs;
  const period = frequencyMs(schedule.frequency);
  return period === undefined ? DEFAULT_UNPERIODIC_MS : period * staleness.missedRuns;
}
