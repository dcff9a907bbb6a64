import { POOL_LABELS } from '@nodepools/plugin-nodepools-common';

/**
 * Whose pool a pool label names: a cloud's (the observed nodes belong on
 * that cloud's pool record) or nobody's but the cluster's (self-managed).
 */
export { providerOfPoolLabel } from '@nodepools/plugin-nodepools-common';

/**
 * Node labels that name the pool a node belongs to, in the order they are
 * tried: the provider profiles' pool labels, cloud-managed ones first (a
 * node carries only one of them, except EKS Auto Mode and Karpenter nodes,
 * which are named by `karpenter.sh/nodepool`), self-managed groups' last.
 */
export const DEFAULT_POOL_LABEL_KEYS: readonly string[] = POOL_LABELS.map(label => label.key);

export interface NodePoolName {
  pool: string;
  poolLabel: string;
}

/** The pool a node's labels name, by the first key that has a value. */
export function poolOfNode(
  labels: Record<string, string> | undefined,
  keys: readonly string[],
): NodePoolName | undefined {
  if (!labels) return undefined;
  for (const key of keys) {
    const value = labels[key];
    if (value) return { pool: value, poolLabel: key };
  }
  return undefined;
}
