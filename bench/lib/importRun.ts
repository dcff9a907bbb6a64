import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { DEFAULT_OWNER_KEYS } from '@nodepools/plugin-nodepools-common';
import {
  openPoolStore,
  type PoolStore,
  FileSource,
  syncSource,
  type OwnershipConfig,
  type SyncSummary,
} from './backend';
import type { GeneratedInventory } from './generator';
import { timePhases, type PhaseTimes } from './phases';
import { quietLogger } from './quietLogger';

const OWNERSHIP: OwnershipConfig = { keys: DEFAULT_OWNER_KEYS, rules: [] };

/** One import of the inventory, with what it wrote counted two ways. */
export interface ImportMeasurement {
  ms: number;
  /** Of `ms`: reading and parsing the files, and reconciling in the database. */
  phases: PhaseTimes;
  summary: SyncSummary;
  /** `nodepools_history` rows added, counted in the table. */
  historyRowsAdded: number;
  /** `nodepools_pools` rows whose `changed_at` is this import's time, counted in the table. */
  poolRowsChanged: number;
}

async function countRows(knex: Knex, table: string, where?: Record<string, string>): Promise<number> {
  const query = knex(table);
  if (where) query.where(where);
  const [row] = await query.count({ n: '*' });
  return Number(row.n);
}

/**
 * Runs the real file source and sync into a store on `knex`, the path the
 * plugin's scheduled task takes, with the same source for every run so that
 * re-imports reconcile against the first.
 */
export class ImportRunner {
  private readonly timed: ReturnType<typeof timePhases>;

  private constructor(
    private readonly knex: Knex,
    store: PoolStore,
    source: FileSource,
  ) {
    this.timed = timePhases(source, store);
  }

  /** Migrates the database and prepares a source over the inventory's files. */
  static async create(knex: Knex, inventory: GeneratedInventory): Promise<ImportRunner> {
    const store = await openPoolStore(knex);
    return new ImportRunner(knex, store, new FileSource(inventory.files, inventory.dir));
  }

  async run(): Promise<ImportMeasurement> {
    const historyBefore = await countRows(this.knex, 'nodepools_history');
    let finishedAt = new Date();
    const clock = () => {
      finishedAt = new Date();
      return finishedAt;
    };
    this.timed.reset();
    const start = performance.now();
    const summary = await syncSource({
      source: this.timed.source,
      store: this.timed.store,
      ownership: OWNERSHIP,
      logger: quietLogger(),
      now: clock,
    });
    const ms = performance.now() - start;
    const historyAfter = await countRows(this.knex, 'nodepools_history');
    const poolRowsChanged = await countRows(this.knex, 'nodepools_pools', {
      changed_at: finishedAt.toISOString(),
    });
    return {
      ms,
      phases: this.timed.times(),
      summary,
      historyRowsAdded: historyAfter - historyBefore,
      poolRowsChanged,
    };
  }

  livePools(): Promise<number> {
    return this.knex('nodepools_pools')
      .whereNull('tombstoned_at')
      .count({ n: '*' })
      .then(([row]) => Number(row.n));
  }
}
