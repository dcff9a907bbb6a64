import type { Knex } from 'knex';
import type { GovernanceAcknowledgement } from '@nodepools/plugin-nodepools-common';

/**
 * Records an acknowledgement on a finding and in the audit table, in one
 * transaction. Should the finding resolve and come back, it re-opens
 * without it; the audit keeps every acknowledgement given. Returns false
 * for an unknown id.
 */
export async function acknowledgeFinding(db: Knex, id: string, ack: GovernanceAcknowledgement): Promise<boolean> {
  return db.transaction(async tx => {
    const updated = await tx('nodepools_governance_findings').where({ id }).update({
      acknowledged_by: ack.by,
      acknowledged_at: ack.at,
      acknowledged_reason: ack.reason,
      acknowledged_until: ack.expiresAt ?? null,
    });
    if (!updated) return false;
    await tx('nodepools_governance_acknowledgements').insert({
      finding_id: id,
      by: ack.by,
      at: ack.at,
      reason: ack.reason,
      expires_at: ack.expiresAt ?? null,
    });
    return true;
  });
}
