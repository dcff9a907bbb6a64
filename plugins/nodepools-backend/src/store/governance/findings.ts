import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { GOVERNANCE_SEVERITIES, type GovernanceFinding } from '@nodepools/plugin-nodepools-common';
import type { GovernanceApplySummary, GovernanceRun } from '../GovernanceStore';
import { NO_ACKNOWLEDGEMENT } from '../acknowledgementColumns';
import { stableJson } from '../stableJson';
import { chunks } from '../sync/chunks';

interface StoredFinding {
  id: string;
  fingerprint: string;
  resolved_at: string | null;
}

/** The columns a finding's content fills; everything but its life (seen, resolved, acknowledged). */
function contentColumns(finding: GovernanceFinding) {
  const document = stableJson(finding);
  return {
    rule: finding.rule,
    severity: finding.severity,
    severity_rank: GOVERNANCE_SEVERITIES.indexOf(finding.severity),
    subject_kind: finding.subject.kind,
    subject_ref: finding.subject.ref,
    cluster_ref: finding.clusterRef,
    owner: finding.owner ?? null,
    pool_ref: finding.subject.kind === 'pool' ? finding.subject.ref : null,
    document,
    fingerprint: createHash('sha256').update(document).digest('hex'),
  };
}

/**
 * Applies an evaluation's findings in the caller's transaction: a new
 * finding is inserted, one whose content changed is updated, a resolved
 * one that holds again is re-opened (without its old acknowledgement),
 * and an open one not found again is resolved. With `only`, only the
 * findings of those rules about those pools are considered. A finding
 * found again unchanged writes nothing.
 */
export async function applyFindings(
  tx: Knex.Transaction,
  run: { at: string; findings: GovernanceFinding[]; only?: GovernanceRun['only'] },
  summary: GovernanceApplySummary,
): Promise<void> {
  const { only } = run;
  const refs = only && new Set(only.refs);
  const rules = only && new Set<string>(only.rules);
  const stored = new Map<string, StoredFinding>();
  const load = (builder: Knex.QueryBuilder) => builder.select('id', 'fingerprint', 'resolved_at');
  if (only) {
    for (const part of chunks(only.refs)) {
      const rows: StoredFinding[] = await load(
        tx('nodepools_governance_findings').whereIn('pool_ref', part).whereIn('rule', only.rules),
      );
      for (const row of rows) stored.set(row.id, row);
    }
  } else {
    const rows: StoredFinding[] = await load(tx('nodepools_governance_findings'));
    for (const row of rows) stored.set(row.id, row);
  }

  const inserts: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const finding of run.findings) {
    if (refs && (finding.subject.kind !== 'pool' || !refs.has(finding.subject.ref) || !rules!.has(finding.rule))) continue;
    if (seen.has(finding.id)) continue;
    seen.add(finding.id);
    const content = contentColumns(finding);
    const row = stored.get(finding.id);
    if (!row) {
      inserts.push({ id: finding.id, ...content, first_seen_at: run.at, last_changed_at: run.at });
      summary.created++;
    } else if (row.resolved_at) {
      await tx('nodepools_governance_findings').where({ id: finding.id }).update({
        ...content,
        last_changed_at: run.at,
        resolved_at: null,
        ...NO_ACKNOWLEDGEMENT,
      });
      summary.reopened++;
      summary.rowsWritten++;
    } else if (row.fingerprint !== content.fingerprint) {
      await tx('nodepools_governance_findings')
        .where({ id: finding.id })
        .update({ ...content, last_changed_at: run.at });
      summary.changed++;
      summary.rowsWritten++;
    } else {
      summary.unchanged++;
    }
  }
  for (const batch of chunks(inserts)) {
    // A review's evaluation on another replica may have inserted the same finding meanwhile.
    await tx('nodepools_governance_findings').insert(batch).onConflict('id').ignore();
    summary.rowsWritten += batch.length;
  }
  const toResolve = [...stored.values()].filter(row => !row.resolved_at && !seen.has(row.id)).map(row => row.id);
  for (const ids of chunks(toResolve)) {
    const resolved = await tx('nodepools_governance_findings')
      .whereIn('id', ids)
      .whereNull('resolved_at')
      .update({ resolved_at: run.at, last_changed_at: run.at });
    summary.resolved += resolved;
    summary.rowsWritten += resolved;
  }
}
