import { SELF_MANAGED_PROVIDER } from '../providers/registry';
import { PROVIDERS, type Provider } from './pool';

/**
 * Which cluster: the provider that runs it, its account and region, and its
 * name. A name alone does not say which cluster: two clusters named `prod`
 * in two regions are two clusters.
 */
export interface ClusterIdentity {
  /**
   * The cluster's platform. `kubernetes` (and `karpenter`, whose NodePools
   * are read from inside a cluster) says only that it is a Kubernetes
   * cluster, on whatever platform.
   */
  provider: Provider;
  account?: string;
  region?: string;
  cluster: string;
}

const UNKNOWN_PART = '-';

/**
 * Providers whose pools are read from inside the cluster: they name no
 * platform, so such a cluster may be the same as one of any provider.
 */
export const IN_CLUSTER_PROVIDERS: readonly Provider[] = ['kubernetes', 'karpenter'];

/** The stable id of a cluster, `provider/account/region/cluster` like a pool ref without the pool; `-` for an unknown part. */
export function clusterRef(c: ClusterIdentity): string {
  return [c.provider, c.account, c.region, c.cluster]
    .map(part => (part === undefined || part === '' ? UNKNOWN_PART : part))
    .join('/');
}

/** The cluster a pool belongs to, as its own fields say. */
export function clusterOfPool(pool: ClusterIdentity): ClusterIdentity {
  const identity: ClusterIdentity = { provider: pool.provider, cluster: pool.cluster };
  if (pool.account) identity.account = pool.account;
  if (pool.region) identity.region = pool.region;
  return identity;
}

/** Reads a cluster ref; throws an Error that says what is wrong with it. */
export function parseClusterRef(ref: string): ClusterIdentity {
  const parts = ref.split('/');
  if (parts.length < 4) {
    throw new Error(
      `'${ref}' is not a cluster ref: expected provider/account/region/cluster ('-' for an unknown part)`,
    );
  }
  const [provider, account, region, ...name] = parts;
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new Error(
      `'${ref}' is not a cluster ref: '${provider}' is not one of ${PROVIDERS.join(', ')}`,
    );
  }
  const cluster = name.join('/');
  if (!cluster || cluster === UNKNOWN_PART) {
    throw new Error(`'${ref}' is not a cluster ref: the cluster name is missing`);
  }
  const identity: ClusterIdentity = { provider: provider as Provider, cluster };
  if (account && account !== UNKNOWN_PART) identity.account = account;
  if (region && region !== UNKNOWN_PART) identity.region = region;
  return identity;
}

/**
 * A cluster ref, or a bare cluster name (which says only the name). Refs
 * contain `/`, cluster names never do.
 */
export function parseClusterSelector(text: string): ClusterIdentity {
  return text.includes('/')
    ? parseClusterRef(text)
    : { provider: SELF_MANAGED_PROVIDER, cluster: text };
}

export function isInClusterProvider(provider: Provider): boolean {
  return IN_CLUSTER_PROVIDERS.includes(provider);
}

function partsAgree(a?: string, b?: string): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Whether two identities may name the same cluster: the same name, and
 * the same provider, account and region wherever both sides know them.
 */
export function clustersAgree(a: ClusterIdentity, b: ClusterIdentity): boolean {
  return (
    a.cluster === b.cluster &&
    (a.provider === b.provider ||
      isInClusterProvider(a.provider) ||
      isInClusterProvider(b.provider)) &&
    partsAgree(a.account, b.account) &&
    partsAgree(a.region, b.region)
  );
}

/** How much of a cluster's identity is known: its platform, account and region. */
function specificity(c: ClusterIdentity): number {
  return (
    (isInClusterProvider(c.provider) ? 0 : 1) +
    (c.account ? 1 : 0) +
    (c.region ? 1 : 0)
  );
}

/** One identity with what either of two agreeing identities knows. */
export function mergeClusters(a: ClusterIdentity, b: ClusterIdentity): ClusterIdentity {
  const merged: ClusterIdentity = {
    provider: isInClusterProvider(a.provider) ? b.provider : a.provider,
    cluster: a.cluster,
  };
  const account = a.account ?? b.account;
  const region = a.region ?? b.region;
  if (account) merged.account = account;
  if (region) merged.region = region;
  return merged;
}

/**
 * The clusters among `candidates` (the clusters of an inventory's pools)
 * that `wanted` may name, each said as fully as known. Candidates that
 * agree with each other are one cluster (the Karpenter pools of an EKS
 * cluster, a file import that does not say the account): they are merged.
 * More than one answer means `wanted` is ambiguous.
 */
export function matchingClusters(
  wanted: ClusterIdentity,
  candidates: ClusterIdentity[],
): ClusterIdentity[] {
  const distinct = new Map<string, ClusterIdentity>();
  for (const candidate of candidates) {
    if (!clustersAgree(wanted, candidate)) continue;
    // Pools read from inside a cluster name no platform: one spelling for all of them.
    const normalized = isInClusterProvider(candidate.provider)
      ? { ...candidate, provider: SELF_MANAGED_PROVIDER }
      : candidate;
    distinct.set(clusterRef(normalized), normalized);
  }
  // Most specific first, so each candidate merges into the fullest cluster it agrees with.
  const ordered = [...distinct.values()].sort((a, b) => specificity(b) - specificity(a));
  const clusters: ClusterIdentity[] = [];
  for (const candidate of ordered) {
    const agreeing = clusters
      .map((cluster, index) => ({ cluster, index }))
      .filter(({ cluster }) => clustersAgree(cluster, candidate));
    if (agreeing.length === 1) {
      clusters[agreeing[0].index] = mergeClusters(agreeing[0].cluster, candidate);
    } else if (agreeing.length === 0) {
      clusters.push(candidate);
    }
    // Agreeing with several distinct clusters says nothing new about any of them.
  }
  return clusters;
}
