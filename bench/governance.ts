/*
 * Governance benchmark (issue 13): an inventory of POOLS pools spread over
 * GROUPS owner groups is imported through the real file source into the
 * plugin's store (SQLite, then PostgreSQL), the governance stage evaluates
 * it (first run, then an unchanged re-run that must write nothing), and
 * the reads behind the routes are timed, ITERATIONS times each:
 *
 * - findings: `GET /findings` (first page of 50) and `GET /findings/summary`;
 * - costs: `GET /costs?groupBy=owner` (stored cost documents, rolled up);
 * - review: one owner's pool documents and findings (`GET /owners/:ref/review`).
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/governance.ts [CLUSTERS] [GROUPS] [ITERATIONS]
 *
 * Defaults: 2,000 clusters (10,000 pools), 500 groups, 30 iterations.
 */
import { DEFAULT_GOVERNANCE_OPTIONS } from '@nodepools/plugin-nodepools-common';
import { seedInventory } from './lib/apiSeed';
import { costsOf, createStoresFromKnex, runGovernance } from './lib/backend';
import {
  dropPostgresDatabase,
  freshPostgresDatabase,
  openKnex,
  sqliteTarget,
  usePostgres,
  describeTarget,
  type DatabaseTarget,
} from './lib/databases';
import { writeInventory } from './lib/generator';
import { loadAverage, machineNote } from './lib/machine';
import { markdownTable } from './lib/markdown';
import { formatMs, percentile } from './lib/stats';
import { withTempDir } from './lib/tempDir';

const TARGET_MS = 200;

interface Timed {
  name: string;
  samples: number[];
}

async function timed(name: string, iterations: number, run: () => Promise<unknown>): Promise<Timed> {
  await run(); // warm-up: caches and prepared plans, as a running backend has them
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return { name, samples };
}

async function measure(target: DatabaseTarget, inventory: Awaited<ReturnType<typeof writeInventory>>, groups: number, iterations: number) {
  await seedInventory(target, inventory);
  const knex = openKnex(target);
  try {
    const stores = await createStoresFromKnex(knex);
    const deps = { store: stores.governance, drift: stores.drift, triage: stores.triage, options: DEFAULT_GOVERNANCE_OPTIONS };
    const cpu = process.cpuUsage();
    const first = await runGovernance(deps);
    const firstCpu = process.cpuUsage(cpu);
    const again = await runGovernance(deps);
    const now = new Date();
    const owner = 'group:default/team-7';
    const ownerPools = await stores.governance.listPoolDocuments({ owner: [owner] });
    // A review that finds nothing would time an empty read.
    if (ownerPools.length === 0) throw new Error(`${owner} owns no pool in the generated inventory`);
    const reads = [
      await timed('findings: first page of 50 + summary', iterations, () =>
        Promise.all([stores.governance.listFindings({ limit: 50 }, now), stores.governance.summary(undefined, now)]),
      ),
      await timed('costs by owner (cost documents + roll-up)', iterations, async () =>
        costsOf(await stores.governance.listCostDocuments({}), 'owner'),
      ),
      await timed('costs by cluster', iterations, async () => costsOf(await stores.governance.listCostDocuments({}), 'cluster')),
      await timed(`review of one owner (${owner}, ${ownerPools.length} pools)`, iterations, () =>
        Promise.all([
          stores.governance.listPoolDocuments({ owner: [owner] }),
          stores.governance.allFindings({ owner: [owner], state: 'all' }, now),
        ]),
      ),
    ];
    return {
      first,
      firstCpuMs: (firstCpu.user + firstCpu.system) / 1000,
      again,
      reads,
      findings: first.findings.length,
      groups,
    };
  } finally {
    await knex.destroy();
  }
}

async function main() {
  const [clusters = 2000, groups = 500, iterations = 30] = process.argv.slice(2).map(Number);
  const load = loadAverage();
  await withTempDir('governance', async dir => {
    const inventory = await writeInventory({ dir, clusters, ownerGroups: groups });
    const postgres = await usePostgres();
    try {
      const targets: DatabaseTarget[] = [
        sqliteTarget(dir, 'governance'),
        await freshPostgresDatabase(postgres.connectionString, 'bench_governance'),
      ];
      for (const target of targets) {
        const result = await measure(target, inventory, groups, iterations);
        console.log(`\n### ${describeTarget(target)}: ${inventory.poolCount.toLocaleString('en-US')} pools, ${groups} owner groups\n`);
        console.log(
          markdownTable(
            ['evaluation', 'wall', 'read / evaluate / write', 'rows written', 'findings'],
            [
              [
                'first',
                formatMs(result.first.readMs + result.first.evaluateMs + result.first.writeMs),
                `${formatMs(result.first.readMs)} / ${formatMs(result.first.evaluateMs)} / ${formatMs(result.first.writeMs)} (CPU ${formatMs(result.firstCpuMs)})`,
                String(result.first.rowsWritten),
                String(result.findings),
              ],
              [
                'again, nothing changed',
                formatMs(result.again.readMs + result.again.evaluateMs + result.again.writeMs),
                `${formatMs(result.again.readMs)} / ${formatMs(result.again.evaluateMs)} / ${formatMs(result.again.writeMs)}`,
                String(result.again.rowsWritten),
                String(result.again.findings.length),
              ],
            ],
          ),
        );
        console.log('');
        console.log(
          markdownTable(
            ['read', 'p50', 'p99', 'max', `target p99 < ${TARGET_MS} ms`],
            result.reads.map(r => [
              r.name,
              formatMs(percentile(r.samples, 50)),
              formatMs(percentile(r.samples, 99)),
              formatMs(Math.max(...r.samples)),
              percentile(r.samples, 99) < TARGET_MS ? 'met' : 'missed',
            ]),
          ),
        );
        if (target.client === 'pg') await dropPostgresDatabase(postgres.connectionString, target.database);
      }
    } finally {
      await postgres.stop();
    }
  });
  console.log(`\n${machineNote(load)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
