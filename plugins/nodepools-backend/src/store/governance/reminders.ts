import type { Knex } from 'knex';

export async function remindersSent(db: Knex): Promise<Map<string, string>> {
  const rows: Array<{ owner: string; sent_at: string }> = await db('nodepools_governance_reminders').select('owner', 'sent_at');
  return new Map(rows.map(row => [row.owner, row.sent_at]));
}

export async function recordReminder(db: Knex, owner: string, at: string, pools: number): Promise<void> {
  await db('nodepools_governance_reminders').insert({ owner, sent_at: at, pools }).onConflict('owner').merge();
}
