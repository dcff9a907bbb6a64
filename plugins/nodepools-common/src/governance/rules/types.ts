import type { RuleContext } from '../context';
import type { GovernanceFinding, GovernanceInput, GovernanceRuleId, GovernanceSeverity } from '../types';

/** One governance rule: what it looks for, how bad it usually is, and the findings of one evaluation. */
export interface GovernanceRule {
  id: GovernanceRuleId;
  /** The usual severity; a finding may say otherwise where the table in `index.ts` says so. */
  severity: GovernanceSeverity;
  description: string;
  evaluate(input: GovernanceInput, ctx: RuleContext): GovernanceFinding[];
}
