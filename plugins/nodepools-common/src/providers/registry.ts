import type { Provider } from '../model/pool';
import { aksProfile } from './aks';
import { doksProfile } from './doks';
import { eksProfile } from './eks';
import { gkeProfile } from './gke';
import { karpenterProfile } from './karpenter';
import { kubernetesProfile } from './kubernetes';
import type { ProviderProfile } from './types';

/**
 * Every provider's profile. The order is the order node pool labels are
 * read in: EKS Auto Mode nodes carry `karpenter.sh/nodepool` and no node
 * group label, and self-managed labels come last.
 */
export const PROVIDER_PROFILES: readonly ProviderProfile[] = [
  eksProfile,
  karpenterProfile,
  gkeProfile,
  aksProfile,
  doksProfile,
  kubernetesProfile,
];

const BY_PROVIDER = new Map<string, ProviderProfile>(PROVIDER_PROFILES.map(p => [p.provider, p]));

/** The provider whose pools are seen only through their nodes. */
export const SELF_MANAGED_PROVIDER: Provider = kubernetesProfile.provider;

/** The profile of a provider; an unknown one gets the self-managed profile. */
export function providerProfile(provider: string): ProviderProfile {
  return BY_PROVIDER.get(provider) ?? kubernetesProfile;
}

/** Profiles of the providers that define pools in a cloud, for lists shown to people. */
export function cloudProfiles(): ProviderProfile[] {
  return PROVIDER_PROFILES.filter(p => p.cloud !== 'none');
}

/** A node label that names a node's pool, with the provider whose pools it names. */
export interface PoolLabel {
  key: string;
  provider: Provider;
  /** The provider sets it on the nodes it adds (not a self-managed group's label). */
  setByProvider: boolean;
}

/** Every node pool label, in the order they are read. */
export const POOL_LABELS: readonly PoolLabel[] = PROVIDER_PROFILES.flatMap(profile =>
  profile.nodeLabels.pool.map(key => ({
    key,
    provider: profile.provider,
    setByProvider: profile.nodeLabels.poolSetByProvider,
  })),
);

const PROVIDER_OF_POOL_LABEL = new Map(POOL_LABELS.map(label => [label.key, label.provider] as const));

/** Whose pools a pool label names; labels no profile knows name self-managed pools. */
export function providerOfPoolLabel(key: string): Provider {
  return PROVIDER_OF_POOL_LABEL.get(key) ?? SELF_MANAGED_PROVIDER;
}

/** Pool labels of providers whose pools count capacity against resource limits (Karpenter NodePools). */
export const PROVISIONER_POOL_LABELS: readonly string[] = PROVIDER_PROFILES.filter(
  p => p.growth.kind === 'provisioner',
).flatMap(p => p.nodeLabels.pool);

/** Taint keys of some provider's node lifecycle. */
export const PROVIDER_TRANSIENT_TAINT_KEYS: ReadonlySet<string> = new Set(
  PROVIDER_PROFILES.flatMap(p => p.transientTaintKeys),
);

/** Label keys that tell a node's capacity type, over every provider. */
export const CAPACITY_TYPE_LABEL_KEYS: ReadonlySet<string> = new Set(
  PROVIDER_PROFILES.flatMap(p => p.nodeLabels.capacityType.map(label => label.key)),
);
