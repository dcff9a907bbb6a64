import type { DriftSeverity } from '@nodepools/plugin-nodepools-common';

/** How each severity reads on a chip. */
export const SEVERITY_LABEL: Readonly<Record<DriftSeverity, string>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
