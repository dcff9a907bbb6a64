import type { Config } from '@backstage/config';
import { DEFAULT_MAX_EXPLAINED, type TriageLimitName } from '@nodepools/plugin-nodepools-common';
import { readDurationMs } from '../../inventory/freshness';

/** `nodepools.triage.limits`: how much one analysis may take of the backend it shares with every plugin. */
export interface TriageAnalysisLimits {
  /** Bytes of a `POST /triage/analyze` body. */
  maxBodySize: number;
  maxPods: number;
  maxNodes: number;
  /** Scheduling signatures x pools of one analysis. */
  maxWork: number;
  /** Verdicts explained with reasons in one report; past it, the others keep their quick verdict. */
  maxExplained: number;
  /** Analyses at a time in this backend; more are answered 429. */
  maxConcurrent: number;
  /** Wall time of one analysis, reading included; past it the analysis is stopped. */
  timeBudgetMs: number;
  /** Heap of the thread an analysis runs in, in megabytes. */
  workerMemoryMb: number;
}

export const LIMITS_KEY = 'nodepools.triage.limits';

/** The config key of each limit, for the errors that name it. */
export const LIMIT_KEYS = {
  maxBodySize: `${LIMITS_KEY}.maxBodySize`,
  maxPods: `${LIMITS_KEY}.maxPods`,
  maxNodes: `${LIMITS_KEY}.maxNodes`,
  maxWork: `${LIMITS_KEY}.maxWork`,
  maxExplained: `${LIMITS_KEY}.maxExplained`,
  maxConcurrent: `${LIMITS_KEY}.maxConcurrent`,
  timeBudget: `${LIMITS_KEY}.timeBudget`,
  workerMemory: `${LIMITS_KEY}.workerMemory`,
} as const satisfies Record<TriageLimitName | string, string>;

/**
 * Defaults sized for one cluster (Kubernetes supports 5,000 nodes and
 * 150,000 pods) with room to spare, on a backend of about 1 GiB: the
 * backend idles near 300 MB, so two analyses at a time with their heaps
 * and the answers they pass back stay under it.
 */
export const DEFAULT_TRIAGE_LIMITS: TriageAnalysisLimits = {
  maxBodySize: 256 * 1024 * 1024,
  maxPods: 200_000,
  maxNodes: 50_000,
  maxWork: 500_000,
  maxExplained: DEFAULT_MAX_EXPLAINED,
  maxConcurrent: 2,
  timeBudgetMs: 120_000,
  workerMemoryMb: 320,
};

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `64mb`, `1gb`, `500kb` or a number of bytes. */
export function parseByteSize(value: string | number, key: string): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value > 0) return value;
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)\s*$/i.exec(value);
    if (match) return Math.floor(Number(match[1]) * UNITS[match[2].toLowerCase()]);
  }
  throw new Error(`Invalid size at '${key}': expected a number of bytes or a size such as 64mb, got '${value}'`);
}

function positiveInteger(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Invalid number at '${key}': must be a whole number of at least 1, got ${value}`);
  }
  return value;
}

export function readTriageLimits(config: Config): TriageAnalysisLimits {
  const defaults = DEFAULT_TRIAGE_LIMITS;
  const bodySize = config.getOptional<string | number>(LIMIT_KEYS.maxBodySize);
  return {
    maxBodySize: bodySize === undefined ? defaults.maxBodySize : parseByteSize(bodySize, LIMIT_KEYS.maxBodySize),
    maxPods: positiveInteger(config, LIMIT_KEYS.maxPods, defaults.maxPods),
    maxNodes: positiveInteger(config, LIMIT_KEYS.maxNodes, defaults.maxNodes),
    maxWork: positiveInteger(config, LIMIT_KEYS.maxWork, defaults.maxWork),
    maxExplained: positiveInteger(config, LIMIT_KEYS.maxExplained, defaults.maxExplained),
    maxConcurrent: positiveInteger(config, LIMIT_KEYS.maxConcurrent, defaults.maxConcurrent),
    timeBudgetMs: readDurationMs(config, LIMIT_KEYS.timeBudget) ?? defaults.timeBudgetMs,
    workerMemoryMb: positiveInteger(config, LIMIT_KEYS.workerMemory, defaults.workerMemoryMb),
  };
}
