import type { Provider } from '@nodepools/plugin-nodepools-common';

/**
 * Node labels that name the pool a node belongs to, in the order they are
 * tried. Cloud-managed labels first; a node carries only one of them, except
 * EKS Auto Mode and Karpenter nodes, which are named by `karpenter.sh/nodepool`.
 */
export const DEFAULT_POOL_LABEL_KEYS: readonly string[] = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  // AKS clusters created before the prefixed label was introduced.
  'agentpool',
  'doks.digitalocean.com/node-pool',
  // Self-managed groups: eksctl unmanaged node groups and kOps instance groups.
  'alpha.eksctl.io/nodegroup-name',
  'kops.k8s.io/instancegroup',
];

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

const PROVIDER_OF_LABEL: Record<string, Provider> = {
  'eks.amazonaws.com/nodegroup': 'eks',
  'karpenter.sh/nodepool': 'karpenter',
  'cloud.google.com/gke-nodepool': 'gke',
  'kubernetes.azure.com/agentpool': 'aks',
  agentpool: 'aks',
  'doks.digitalocean.com/node-pool': 'doks',
};

/**
 * Whose pool a pool label names: a cloud's (the observed nodes belong on
 * that cloud's pool record) or nobody's but the cluster's (`kubernetes`).
 */
export function providerOfPoolLabel(poolLabel: string): Provider {
  return PROVIDER_OF_LABEL[poolLabel] ?? 'kubernetes';
}
