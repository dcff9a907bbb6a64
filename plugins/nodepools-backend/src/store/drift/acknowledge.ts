import type { Knex } from 'knex';
import type { DriftAcknowledgement } from '@nodepools/plugin-nodepools-common';

/**
 * Records an acknowledgement on a finding and in the audit table, in one
 * transaction. Should the finding be resolved and come back later, it
 * re-opens as new drift; the audit keeps every acknowledgement given.
 * Returns false for an unknown id.
 */
export async function acknowledgeFinding(db: Knex, id: string, ack: DriftAcknowledgement): Promise<boolean> {
  return db.transaction(async tx => {
    const updated = await tx('nodepools_drift_findings').where({ id }).update({
      acknowledged_by: ack.by,
      acknowledged_at: ack.at,
      acknowledged_reason: ack.reason,
      acknowledged_until: ack.until ?? null,
    });
    if (!updated) return false;
    await tx('nodepools_drift_acknowledgements').insert({
      finding_id: id,
      by: ack.by,
      at: ack.at,
      reason: ack.reason,
      until: ack.until ?? null,
    });
    return true;
  });
}
