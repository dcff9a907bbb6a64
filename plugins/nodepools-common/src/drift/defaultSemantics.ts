import type { Provider } from '../model/pool';
import { PROVIDER_PROFILES, providerProfile } from '../providers/registry';
import type { DriftSemantics } from './semantics';

/** Every provider's default semantics, as its profile states them. */
export const DEFAULT_DRIFT_SEMANTICS: Readonly<Record<Provider, DriftSemantics>> = Object.fromEntries(
  PROVIDER_PROFILES.map(profile => [profile.provider, profile.iac.drift]),
) as Record<Provider, DriftSemantics>;

/** The default semantics of a provider. */
export function defaultDriftSemantics(provider: Provider): DriftSemantics {
  return providerProfile(provider).iac.drift;
}
