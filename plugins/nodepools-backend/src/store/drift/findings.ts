import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { DRIFT_SEVERITIES } from '@nodepools/plugin-nodepools-common';
import type { FindingInput, FindingsRun, FindingsSummary } from '../DriftStore';
import { NO_ACKNOWLEDGEMENT } from '../acknowledgementColumns';
import { stableJson } from '../stableJson';
import { chunks } from '../sync/chunks';

interface StoredFinding {
  id: string;
  ref: string;
  fingerprint: string;
  resolved_at: string | null;
  desired_source: string | null;
  desired_scope: string | null;
}

/** The columns a finding's content fills; everything but its life (seen, resolved, acknowledged). */
function contentColumns(input: FindingInput) {
  const { finding } = input;
  const columns = {
    ref: finding.ref,
    cluster_ref: input.clusterRef,
    provider: finding.provider,
    cluster: finding.cluster,
    pool: finding.pool,
    owner: input.owner ?? null,
    field: finding.field,
    cause: finding.cause,
    severity: finding.severity,
    severity_rank: DRIFT_SEVERITIES.indexOf(finding.severity),
    finding: JSON.stringify(finding),
    pool_source: input.poolSource ?? null,
    pool_scope: input.poolScope ?? null,
    desired_source: input.desiredSource ?? null,
    desired_scope: input.desiredScope ?? null,
  };
  return { ...columns, fingerprint: createHash('sha256').update(stableJson(columns)).digest('hex') };
}

async function loadStored(tx: Knex.Transaction): Promise<Map<string, StoredFinding>> {
  const rows: StoredFinding[] = await tx('nodepools_drift_findings').select(
    'id',
    'ref',
    'fingerprint',
    'resolved_at',
    'desired_source',
    'desired_scope',
  );
  return new Map(rows.map(r => [r.id, r]));
}

/**
 * Applies one comparison in one transaction. A new finding is inserted; a
 * finding whose content changed is updated; a resolved one found again is
 * re-opened (its old acknowledgement no longer holds); an open one not
 * found again is resolved, unless it rests on stale data. A finding found
 * again unchanged writes nothing.
 */
export async function applyFindingsRun(tx: Knex.Transaction, run: FindingsRun): Promise<FindingsSummary> {
  const summary: FindingsSummary = { created: 0, changed: 0, reopened: 0, resolved: 0, unchanged: 0, keptStale: 0, rowsWritten: 0 };
  const stored = await loadStored(tx);
  const inserts: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const input of run.findings) {
    const id = input.finding.id;
    if (seen.has(id)) continue;
    seen.add(id);
    const content = contentColumns(input);
    const row = stored.get(id);
    if (!row) {
      inserts.push({ id, ...content, first_seen_at: run.at, last_seen_at: run.at });
      summary.created++;
    } else if (row.resolved_at) {
      await tx('nodepools_drift_findings').where({ id }).update({
        ...content,
        last_seen_at: run.at,
        reopened_at: run.at,
        resolved_at: null,
        ...NO_ACKNOWLEDGEMENT,
      });
      summary.reopened++;
      summary.rowsWritten++;
    } else if (row.fingerprint !== content.fingerprint) {
      await tx('nodepools_drift_findings').where({ id }).update({ ...content, last_seen_at: run.at });
      summary.changed++;
      summary.rowsWritten++;
    } else {
      summary.unchanged++;
    }
  }
  for (const batch of chunks(inserts)) {
    await tx('nodepools_drift_findings').insert(batch);
    summary.rowsWritten += batch.length;
  }
  const toResolve: string[] = [];
  for (const row of stored.values()) {
    if (row.resolved_at || seen.has(row.id)) continue;
    const stale = run.isStale({
      ref: row.ref,
      ...(row.desired_source ? { desiredSource: row.desired_source } : {}),
      ...(row.desired_scope ? { desiredScope: row.desired_scope } : {}),
    });
    if (stale) summary.keptStale++;
    else toResolve.push(row.id);
  }
  for (const ids of chunks(toResolve)) {
    const resolved = await tx('nodepools_drift_findings')
      .whereIn('id', ids)
      .whereNull('resolved_at')
      .update({ resolved_at: run.at, last_seen_at: run.at });
    summary.resolved += resolved;
    summary.rowsWritten += resolved;
  }
  return summary;
}
