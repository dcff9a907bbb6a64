/**
 * Label key prefixes (a domain and its subdomains) that Kubernetes, the
 * clouds and their node tooling put on nodes by themselves: hostname, zone,
 * instance type, OS, the pool labels, GPU and feature discovery.
 */
const SYSTEM_DOMAINS = [
  'kubernetes.io',
  'k8s.io',
  'eks.amazonaws.com',
  'karpenter.sh',
  'karpenter.k8s.aws',
  'cloud.google.com',
  'gke.io',
  'kubernetes.azure.com',
  'doks.digitalocean.com',
  'digitalocean.com',
  'nvidia.com',
  'amazonaws.com',
  'csi.aws.com',
  'azure.com',
];

/** Unprefixed keys AKS sets on every node, older spellings of its own labels. */
const SYSTEM_KEYS = new Set(['agentpool', 'storageprofile', 'storagetier', 'accelerator', 'kubernetes.azure.com']);

/**
 * Whether a node label is one that Kubernetes or the cloud sets on every
 * node by itself, so a node carrying it says nothing about its pool. Node
 * roll-ups count the other labels, and node drift compares only those.
 */
export function isSystemNodeLabel(key: string): boolean {
  if (SYSTEM_KEYS.has(key)) return true;
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash);
  return SYSTEM_DOMAINS.some(d => domain === d || domain.endsWith(`.${d}`));
}
