import type { Knex } from 'knex';
import type { HistoryEvent, PoolChangesResponse } from '@nodepools/plugin-nodepools-common';
import { HistoryGoneError, type ChangeFeed } from './ChangeFeed';

const HORIZON_ROW = 1;

/** The newest history id pruned so far (0 when nothing was). */
export async function prunedThrough(db: Knex): Promise<number> {
  const row: { pruned_through: number | string } | undefined = await db('nodepools_history_horizon')
    .where({ id: HORIZON_ROW })
    .first('pruned_through');
  return Number(row?.pruned_through ?? 0);
}

/**
 * Deletes the history rows written before `before`, and remembers the
 * newest id deleted so the change feed can tell a reader it fell behind.
 */
export async function pruneHistoryRows(db: Knex, before: string): Promise<number> {
  return db.transaction(async tx => {
    const { newest } = (await tx('nodepools_history')
      .where('at', '<', before)
      .max({ newest: 'id' })
      .first()) as { newest: number | string | null };
    if (newest === null || newest === undefined) return 0;
    const deleted = await tx('nodepools_history').where('at', '<', before).delete();
    const through = Math.max(Number(newest), await prunedThrough(tx));
    await tx('nodepools_history_horizon')
      .insert({ id: HORIZON_ROW, pruned_through: through })
      .onConflict('id')
      .merge();
    return deleted;
  });
}

export class DatabaseChangeFeed implements ChangeFeed {
  constructor(private readonly db: Knex) {}

  async listChanges(after: number | undefined, limit: number): Promise<PoolChangesResponse> {
    const horizon = await prunedThrough(this.db);
    const gone = () =>
      new HistoryGoneError(
        `changes after ${after} are no longer kept (history is pruned through ${horizon}): read every pool again`,
      );
    const { newest } = (await this.db('nodepools_history').max({ newest: 'id' }).first()) as {
      newest: number | string | null;
    };
    const latest = Math.max(Number(newest ?? 0), horizon);
    if (after === undefined) return { items: [], latest };
    if (after < horizon) throw gone();
    if (after > latest) {
      throw new HistoryGoneError(
        `the history has no id ${after} (its newest is ${latest}): read every pool again`,
      );
    }
    const rows: Array<{ id: number | string; ref: string; event: HistoryEvent }> = await this.db(
      'nodepools_history',
    )
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .select('id', 'ref', 'event');
    // A prune that committed while the rows were read may have taken some of them.
    if (after < (await prunedThrough(this.db))) throw gone();
    const items = rows.map(row => ({ id: Number(row.id), ref: row.ref, event: row.event }));
    return { items, latest: Math.max(latest, items[items.length - 1]?.id ?? 0) };
  }
}
