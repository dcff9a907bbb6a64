import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_WORKLOAD_LABEL_KEYS } from '@nodepools/plugin-nodepools-common';
import {
  readRequestPolicyConfig,
  resolveRequestPolicy,
  type RequestPolicy,
} from '../http';
import { DEFAULT_PAGE_SIZE } from './observedNodes';
import { DEFAULT_POOL_LABEL_KEYS } from './poolLabels';

/** How the cluster sources read their clusters (`nodepools.kubernetes.*`). */
export interface KubernetesSourceSettings {
  /** Items per list page. */
  pageSize: number;
  /** Clusters read at the same time. */
  concurrency: number;
  /** The same request policy as the cloud sources; its concurrency is the clusters'. */
  policy: RequestPolicy;
  poolLabelKeys: readonly string[];
  /** Pod labels counted per pool to tell which workloads run on it. */
  workloadLabelKeys: readonly string[];
}

const KEY = 'nodepools.kubernetes';
export const DEFAULT_CLUSTER_CONCURRENCY = 4;

function positiveInteger(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${KEY}.${key}: must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * A setting under its current name or the name it had before the cluster
 * sources shared the clouds' request keys; both at once is a mistake.
 */
function renamed<T>(
  config: Config,
  key: string,
  formerKey: string,
  current: T | undefined,
  former: () => T,
): T | undefined {
  if (!config.has(formerKey)) return current;
  if (current !== undefined) {
    throw new Error(`${KEY}.${formerKey}: replaced by ${KEY}.${key}; set only ${key}`);
  }
  return former();
}

export function readKubernetesSourceSettings(root: Config): KubernetesSourceSettings {
  const config = root.getOptionalConfig(KEY);
  if (!config) {
    return {
      pageSize: DEFAULT_PAGE_SIZE,
      concurrency: DEFAULT_CLUSTER_CONCURRENCY,
      policy: resolveRequestPolicy({ concurrency: DEFAULT_CLUSTER_CONCURRENCY }),
      poolLabelKeys: DEFAULT_POOL_LABEL_KEYS,
      workloadLabelKeys: DEFAULT_WORKLOAD_LABEL_KEYS,
    };
  }
  const concurrency = positiveInteger(config, 'concurrency', DEFAULT_CLUSTER_CONCURRENCY);
  const tuning = readRequestPolicyConfig(config, KEY);
  const timeoutMs = renamed(config, 'timeoutMs', 'requestTimeout', tuning.timeoutMs, () =>
    durationToMilliseconds(readDurationFromConfig(config, { key: 'requestTimeout' })),
  );
  const maxAttempts = renamed(config, 'maxAttempts', 'attempts', tuning.maxAttempts, () =>
    positiveInteger(config, 'attempts', 1),
  );
  return {
    pageSize: positiveInteger(config, 'pageSize', DEFAULT_PAGE_SIZE),
    concurrency,
    policy: resolveRequestPolicy({ ...tuning, concurrency, timeoutMs, maxAttempts }),
    poolLabelKeys: config.getOptionalStringArray('poolLabelKeys') ?? DEFAULT_POOL_LABEL_KEYS,
    workloadLabelKeys:
      config.getOptionalStringArray('workloadLabelKeys') ?? DEFAULT_WORKLOAD_LABEL_KEYS,
  };
}
