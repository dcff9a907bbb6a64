import type { Provider } from '../model/pool';

/**
 * Node labels that name the node's pool, with the provider that sets each.
 * Order matters: EKS Auto Mode nodes carry `karpenter.sh/nodepool`, and AKS
 * nodes carry both the current and the older key.
 */
export const POOL_LABEL_KEYS = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  'agentpool',
  'doks.digitalocean.com/node-pool',
] as const;

export const POOL_LABEL_PROVIDER: Record<(typeof POOL_LABEL_KEYS)[number], Provider> = {
  'eks.amazonaws.com/nodegroup': 'eks',
  'karpenter.sh/nodepool': 'karpenter',
  'cloud.google.com/gke-nodepool': 'gke',
  'kubernetes.azure.com/agentpool': 'aks',
  agentpool: 'aks',
  'doks.digitalocean.com/node-pool': 'doks',
};

/** Labels that group nodes of self-managed groups (eksctl unmanaged node groups, kOps). */
export const FALLBACK_POOL_LABEL_KEYS = [
  'alpha.eksctl.io/nodegroup-name',
  'kops.k8s.io/instancegroup',
] as const;

/** The name given to nodes that carry no pool label at all. */
export const UNPOOLED = '(unpooled)';

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const ZONE_LABEL_BETA = 'failure-domain.beta.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';
export const REGION_LABEL_BETA = 'failure-domain.beta.kubernetes.io/region';
export const ARCH_LABEL = 'kubernetes.io/arch';
export const OS_LABEL = 'kubernetes.io/os';
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';
export const INSTANCE_TYPE_LABEL_BETA = 'beta.kubernetes.io/instance-type';

/** Labels whose value is different on every node; nodes are grouped without them. */
export const PER_NODE_LABEL_KEYS: ReadonlySet<string> = new Set([HOSTNAME_LABEL]);

/**
 * The hostname of a node that does not exist yet: it matches `NotIn` and
 * `Exists`, never `In`, and is its own topology domain.
 */
export const NEW_NODE_HOSTNAME = '\u0000new-node';

export interface NodePoolName {
  name: string;
  /** The label that named it; undefined for unpooled nodes. */
  label?: string;
  provider: Provider;
}

/** Which pool a node belongs to, read from its labels. */
export function poolOfNodeLabels(labels: Record<string, string>): NodePoolName {
  for (const key of POOL_LABEL_KEYS) {
    const value = labels[key];
    if (value) return { name: value, label: key, provider: POOL_LABEL_PROVIDER[key] };
  }
  for (const key of FALLBACK_POOL_LABEL_KEYS) {
    const value = labels[key];
    if (value) return { name: value, label: key, provider: 'kubernetes' };
  }
  return { name: UNPOOLED, provider: 'kubernetes' };
}

/** The node's zone, from the GA label or its beta predecessor. */
export function zoneOf(labels: Record<string, string>): string | undefined {
  return labels[ZONE_LABEL] ?? labels[ZONE_LABEL_BETA];
}
