/**
 * End of standard support of each Kubernetes minor version, per managed
 * provider, as published by the provider (dates as of late 2026). After
 * these dates a version is in paid extended support (EKS, GKE Extended
 * channel, AKS LTS) or no longer supported at all.
 *
 * | provider | source (as published)                                                                 | meaning of the date                           |
 * | -------- | ------------------------------------------------------------------------------------- | --------------------------------------------- |
 * | EKS      | https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html             | "End of standard support" column              |
 * | GKE      | https://cloud.google.com/kubernetes-engine/docs/release-schedule                      | end of standard support (Regular channel)     |
 * | AKS      | https://learn.microsoft.com/azure/aks/supported-kubernetes-versions                   | "End of life" column; the calendar names a month, taken as its last day |
 * | DOKS     | https://docs.digitalocean.com/products/kubernetes/details/supported-releases/         | DOKS retires a minor with upstream end of life (https://kubernetes.io/releases/) |
 */
export type SupportedProvider = 'eks' | 'gke' | 'aks' | 'doks';

export interface EndOfSupportRow {
  /** ISO date (UTC), the last day of standard support. */
  date: string;
  source: string;
}

const EKS = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html';
const GKE = 'https://cloud.google.com/kubernetes-engine/docs/release-schedule';
const AKS = 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions';
const DOKS = 'https://docs.digitalocean.com/products/kubernetes/details/supported-releases/';

const DATES: Readonly<Record<SupportedProvider, Readonly<Record<string, string>>>> = {
  eks: {
    '1.27': '2024-07-24',
    '1.28': '2024-11-26',
    '1.29': '2025-03-23',
    '1.30': '2025-07-23',
    '1.31': '2025-11-26',
    '1.32': '2026-03-23',
    '1.33': '2026-07-29',
    '1.34': '2026-12-02',
  },
  gke: {
    '1.27': '2024-07-31',
    '1.28': '2024-12-31',
    '1.29': '2025-02-28',
    '1.30': '2025-07-31',
    '1.31': '2025-11-30',
    '1.32': '2026-02-28',
    '1.33': '2026-06-30',
    '1.34': '2026-08-30',
  },
  aks: {
    '1.27': '2024-07-31',
    '1.28': '2025-02-28',
    '1.29': '2025-03-31',
    '1.30': '2025-07-31',
    '1.31': '2025-11-30',
    '1.32': '2026-03-31',
    '1.33': '2026-06-30',
    '1.34': '2026-11-30',
  },
  doks: {
    '1.27': '2024-06-28',
    '1.28': '2024-10-28',
    '1.29': '2025-02-28',
    '1.30': '2025-06-28',
    '1.31': '2025-10-28',
    '1.32': '2026-02-28',
    '1.33': '2026-06-28',
    '1.34': '2026-10-27',
  },
};

const SOURCES: Readonly<Record<SupportedProvider, string>> = { eks: EKS, gke: GKE, aks: AKS, doks: DOKS };

/** The end of standard support of a minor version (`1.31`) on a provider; undefined when not cited. */
export function endOfSupport(provider: string, minor: string): EndOfSupportRow | undefined {
  if (!(provider in DATES)) return undefined;
  const date = DATES[provider as SupportedProvider][minor];
  return date ? { date, source: SOURCES[provider as SupportedProvider] } : undefined;
}

/** The minor versions the table cites. */
export const END_OF_SUPPORT_MINORS: readonly string[] = Object.keys(DATES.eks);
