import type { GovernanceRuleId, SuggestionKind } from '@nodepools/plugin-nodepools-common';

/** How each governance rule reads in a table and a filter. */
export const RULE_LABEL: Readonly<Record<GovernanceRuleId, string>> = {
  'no-owner': 'No owner',
  'unknown-owner': 'Owner not in the catalog',
  'spot-without-taint': 'Spot without taint',
  'specialised-without-taint': 'Specialised nodes without taint',
  'specialised-without-limit': 'Specialised nodes without limit',
  'single-system-pool': 'Single system pool',
  'system-pool-too-small': 'System pool too small',
  'system-pool-single-zone': 'System pool in one zone',
  'mixed-workloads': 'Mixed workloads',
  'autoscaling-off': 'Autoscaling off',
  'fixed-size': 'Fixed size',
  'version-skew': 'Version skew',
  'end-of-support': 'End of support',
  'stale-source': 'Stale source',
  'open-drift': 'Open drift',
  'unschedulable-pods': 'Unschedulable pods',
  'ip-exhaustion': 'Running out of pod IPs',
  'unconfirmed-ownership': 'Ownership not confirmed',
};

export const SUGGESTION_LABEL: Readonly<Record<SuggestionKind, string>> = {
  'right-size': 'Right-size',
  'enable-autoscaling': 'Enable autoscaling',
  'widen-autoscaling': 'Widen autoscaling',
  split: 'Split',
  retire: 'Retire',
};

/** Flags of an upgrade step, as the plan names them; unknown ones read as they are. */
const FLAG_LABEL: Readonly<Record<string, string>> = {
  'system-pool': 'System pool: upgrade it alone',
  'single-pool-cluster': 'Only pool of its cluster',
  'upgrade-in-progress': 'Upgrade in progress',
  'no-surge': 'No surge: nodes drain before new ones start',
};

export function flagLabel(flag: string): string {
  return FLAG_LABEL[flag] ?? flag;
}
