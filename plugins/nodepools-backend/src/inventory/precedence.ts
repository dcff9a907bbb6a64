import type { Config } from '@backstage/config';
import type { PoolSource } from '../sources/types';

/**
 * Which source's copy of a pool counts when several list it: what a cloud's
 * API says now beats what a cluster reports of itself, which beats an
 * export on disk that may be weeks old. Kinds not listed (sources added by
 * backend modules) rank with files.
 */
export const DEFAULT_PRIORITIES = {
  cloud: 300,
  cluster: 200,
  file: 100,
} as const;

const PRIORITY_OF_KIND: Record<string, number> = {
  eks: DEFAULT_PRIORITIES.cloud,
  gke: DEFAULT_PRIORITIES.cloud,
  aks: DEFAULT_PRIORITIES.cloud,
  doks: DEFAULT_PRIORITIES.cloud,
  karpenter: DEFAULT_PRIORITIES.cluster,
  kubernetes: DEFAULT_PRIORITIES.cluster,
  file: DEFAULT_PRIORITIES.file,
};

const PRIORITIES_KEY = 'nodepools.sourcePriorities';

/** `nodepools.sourcePriorities`: a priority per source id, overriding the default of its kind. */
export function readSourcePriorities(config: Config): Map<string, number> {
  const block = config.getOptionalConfig(PRIORITIES_KEY);
  const priorities = new Map<string, number>();
  for (const id of block?.keys() ?? []) {
    const value = block!.getNumber(id);
    if (!Number.isInteger(value)) {
      throw new Error(`Invalid priority at '${PRIORITIES_KEY}.${id}': expected a whole number, got ${value}`);
    }
    priorities.set(id, value);
  }
  return priorities;
}

export function sourcePriority(
  source: Pick<PoolSource, 'id' | 'kind'>,
  configured: Map<string, number>,
): number {
  return configured.get(source.id) ?? PRIORITY_OF_KIND[source.kind] ?? DEFAULT_PRIORITIES.file;
}
