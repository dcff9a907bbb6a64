import type { Knex } from 'knex';
import type { GovernanceApplySummary, GovernanceRun } from '../GovernanceStore';
import { applyDaily } from './daily';
import { applyFindings } from './findings';
import { applyPoolDocuments } from './poolDocuments';

/**
 * Applies one evaluation in one transaction: findings, pool documents and
 * the day's roll-ups, each written only where it changed; then the time of
 * the evaluation on the one state row, which is not counted in
 * `rowsWritten`.
 */
export async function applyEvaluation(tx: Knex.Transaction, run: GovernanceRun): Promise<GovernanceApplySummary> {
  const summary: GovernanceApplySummary = {
    created: 0,
    changed: 0,
    reopened: 0,
    resolved: 0,
    unchanged: 0,
    poolsWritten: 0,
    poolsRemoved: 0,
    dailyWritten: 0,
    rowsWritten: 0,
  };
  await applyFindings(tx, run, summary);
  // A partial evaluation (`only`) saw a few pools: the fleet's documents and roll-ups stay.
  if (run.only) return summary;
  await applyPoolDocuments(tx, run.pools, summary);
  if (run.daily) await applyDaily(tx, run.daily, summary);
  await tx('nodepools_governance_state').insert({ id: 1, evaluated_at: run.at }).onConflict('id').merge();
  return summary;
}
