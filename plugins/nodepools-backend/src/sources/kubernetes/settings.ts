import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_REQUEST_POLICY, type RequestPolicy } from './kubeRequest';
import { DEFAULT_PAGE_SIZE } from './observedNodes';
import { DEFAULT_POOL_LABEL_KEYS } from './poolLabels';

/** How the cluster sources read their clusters (`nodepools.kubernetes.*`). */
export interface KubernetesSourceSettings {
  /** Items per list page. */
  pageSize: number;
  /** Clusters read at the same time. */
  concurrency: number;
  policy: RequestPolicy;
  poolLabelKeys: readonly string[];
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

export function readKubernetesSourceSettings(root: Config): KubernetesSourceSettings {
  const config = root.getOptionalConfig(KEY);
  if (!config) {
    return {
      pageSize: DEFAULT_PAGE_SIZE,
      concurrency: DEFAULT_CLUSTER_CONCURRENCY,
      policy: DEFAULT_REQUEST_POLICY,
      poolLabelKeys: DEFAULT_POOL_LABEL_KEYS,
    };
  }
  const timeoutMs = config.has('requestTimeout')
    ? durationToMilliseconds(readDurationFromConfig(config, { key: 'requestTimeout' }))
    : DEFAULT_REQUEST_POLICY.timeoutMs;
  return {
    pageSize: positiveInteger(config, 'pageSize', DEFAULT_PAGE_SIZE),
    concurrency: positiveInteger(config, 'concurrency', DEFAULT_CLUSTER_CONCURRENCY),
    policy: {
      ...DEFAULT_REQUEST_POLICY,
      timeoutMs,
      attempts: positiveInteger(config, 'attempts', DEFAULT_REQUEST_POLICY.attempts),
    },
    poolLabelKeys: config.getOptionalStringArray('poolLabelKeys') ?? DEFAULT_POOL_LABEL_KEYS,
  };
}
