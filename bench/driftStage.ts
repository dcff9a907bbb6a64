/*
 * Drift stage benchmark: POOLS cloud pools (with their nodes' roll-ups) in
 * the store against a Terraform state declaring POOLS pools, through the
 * backend's drift stage: loading declarations and inventory from the
 * store, the comparison, and writing findings. Measures the first run, an
 * unchanged rerun (rows written: target 0) and a rerun after one declared
 * value changed (target: one finding row). SQLite in a file, as the
 * embedded default; prints a markdown table.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/driftStage.ts [POOLS]
 *
 * Default 10000. The run fails when the findings differ from what the
 * generator planted or an unchanged rerun writes anything.
 */
import { DEFAULT_OWNER_KEYS, poolRef, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import { listingFromText } from '../plugins/nodepools-backend/src/desired/listing';
import { runDrift, type DriftRunSummary } from '../plugins/nodepools-backend/src/drift/runDrift';
import { preparePool } from '../plugins/nodepools-backend/src/inventory/preparePool';
import { createStoresFromKnex, type Stores } from '../plugins/nodepools-backend/src/store/createStores';
import { openKnex, sqliteTarget } from './lib/databases';
import { generateDriftFleet, type DriftFleet } from './lib/drift/fleet';
import { loadAverage, machineNote } from './lib/machine';
import { markdownTable } from './lib/markdown';
import { formatCount, formatMs } from './lib/stats';
import { withTempDir } from './lib/tempDir';

const TARGET_MS = 3000;
const MiB = 2 ** 20;
const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
const PLACE = { scope: 'file:fleet.tfstate', location: 'fleet.tfstate' };

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function storeFleet(stores: Stores, fleet: DriftFleet): Promise<void> {
  const at = new Date().toISOString();
  const pools = fleet.actual.map(pool => preparePool({ ...pool, raw: {} } as PoolSpec, ownership));
  await stores.pools.applySync({
    source: { id: 'fleet', kind: 'file', target: 'generated fleet' },
    startedAt: at,
    finishedAt: at,
    outcome: { listings: [{ scope: 'file:fleet.json', complete: true, pools }] },
  });
  await stores.pools.applyObserved('kubernetes', [
    {
      scope: 'kubernetes/fleet',
      complete: false,
      cluster: { provider: 'kubernetes', cluster: 'fleet' },
      entries: fleet.actual.filter(p => p.observed).map(p => ({ ref: p.ref ?? poolRef(p), observed: p.observed! })),
    },
  ]);
}

async function storeDesired(stores: Stores, stateText: string): Promise<number> {
  const at = new Date().toISOString();
  const listing = listingFromText(stateText, PLACE, {});
  if (!listing.complete) throw new Error(`the generated state does not read: ${listing.error}`);
  await stores.drift.applyDesired({
    source: { id: 'desired-files', kind: 'files', target: '1 file' },
    startedAt: at,
    finishedAt: at,
    outcome: { listings: [listing] },
  });
  return listing.pools.length;
}

interface Measured extends DriftRunSummary {
  /** The process's CPU time over the run (the database included: SQLite runs in-process). */
  cpuMs: number;
}

/** One run of the stage, with its CPU time: steadier than wall time on a shared machine. */
async function measure(stores: Stores): Promise<Measured> {
  const start = process.cpuUsage();
  const run = await runDrift({ store: stores.drift });
  const cpu = process.cpuUsage(start);
  return { ...run, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function row(label: string, run: Measured, target = ''): string[] {
  const total = run.readMs + run.compareMs + run.writeMs;
  return [
    label,
    `${formatMs(total)} wall, ${formatMs(run.cpuMs)} CPU (read ${formatMs(run.readMs)}, compare ${formatMs(run.compareMs)}, write ${formatMs(run.writeMs)}); ${formatCount(run.rowsWritten)} rows written`,
    target,
  ];
}

async function main() {
  const [pools = 10000] = process.argv.slice(2).map(Number);
  if (!Number.isInteger(pools) || pools < 5) {
    console.error('usage: driftStage.ts [POOLS] (an integer of at least 5)');
    process.exit(2);
  }
  const loadAtStart = loadAverage();
  const fleet = generateDriftFleet(pools, 0);
  await withTempDir('drift-stage', async dir => {
    const knex = openKnex(sqliteTarget(dir, 'drift'));
    try {
      const stores = await createStoresFromKnex(knex);
      await storeFleet(stores, fleet);
      const declared = await storeDesired(stores, fleet.stateText);

      const first = await measure(stores);
      const peak = peakRssMb();
      const unchanged = await measure(stores);
      const again = await measure(stores);

      // One declared maximum changed: one finding changes, or appears.
      const changedText = fleet.stateText.replace(/"max_size": ?(\d+)/, (_m, n) => `"max_size": ${Number(n) + 7}`);
      await storeDesired(stores, changedText);
      const oneChange = await measure(stores);

      const expected = Object.values(fleet.expected).reduce((a, b) => a + b, 0);
      const asPlanted = first.findings === expected && first.created === expected;
      const quiet = unchanged.rowsWritten === 0 && again.rowsWritten === 0;
      const worstCompare = Math.max(...[unchanged, again].map(r => r.compareMs));
      const rows = [
        [
          'input',
          `${formatCount(fleet.actual.length)} cloud pools with node roll-ups in the store, ${formatCount(declared)} pools declared in one ${(fleet.stateText.length / MiB).toFixed(0)} MB Terraform state`,
          '',
        ],
        row('first run (every finding new)', first),
        row('unchanged rerun', unchanged, `compare < ${formatMs(TARGET_MS)}, 0 rows`),
        row('unchanged rerun, again', again, `compare < ${formatMs(TARGET_MS)}, 0 rows`),
        row('rerun after one declared value changed', oneChange, '1 finding row, and the day\'s counts when they move'),
        ['findings', `${formatCount(first.findings)} (planted ${formatCount(expected)})`, 'as planted'],
        ['peak RSS after the first run, input and store included', `${peak.toFixed(0)} MB`, ''],
        ['comparison of every unchanged rerun within target (wall)', worstCompare < TARGET_MS ? 'yes' : 'no', 'yes'],
        ['unchanged reruns write nothing', quiet ? 'yes' : 'no', 'yes'],
      ];
      console.log(markdownTable(['measure', 'value', 'target'], rows));
      console.log(`\n${machineNote(loadAtStart)}`);
      if (!asPlanted || !quiet) process.exitCode = 1;
    } finally {
      await knex.destroy();
    }
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
