import type { DriftCause, DriftFindingRecord } from '@nodepools/plugin-nodepools-common';

/** How each cause reads for people. */
export const CAUSE_LABEL: Readonly<Record<DriftCause, string>> = {
  changed: 'Changed outside the IaC',
  'not-in-iac': 'Not in any IaC',
  'declared-not-found': 'Declared, not found',
  'node-count': 'Node count',
  'version-skew': 'Kubelet version skew',
  'node-image': 'Node image',
  'node-zones': 'Node zones',
  'node-labels': 'Node labels',
  'node-taints': 'Node taints',
};

/** Where the declared value comes from, as one line. */
export function originText(finding: Pick<DriftFindingRecord, 'origin'>): string | undefined {
  const origin = finding.origin;
  return origin && `${origin.source}: ${origin.address}`;
}

/** A location people can open: only http(s) URLs are links; paths and bucket URIs are shown as text. */
export function originHref(source: string): string | undefined {
  return /^https?:\/\//i.test(source) ? source : undefined;
}
