/*
 * API benchmark: `GET /api/nodepools/pools` served by the real plugin (in a
 * child process, on a store seeded by a real import) under 100 concurrent
 * clients, at 100 and at 10,000 pools, on SQLite (a file) and PostgreSQL 17.
 * Then, to explain the numbers, where one request spends its time.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/api.ts \
 *     [CLIENTS] [REQUESTS_PER_CLIENT]
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { PoolPage, PoolQuery } from '@nodepools/plugin-nodepools-common';
import {
  loadTable,
  profileTable,
  type LoadMeasurement,
  type ProfileMeasurement,
} from './lib/apiReport';
import { openPoolStore } from './lib/backend';
import {
  describeTarget,
  dropPostgresDatabase,
  freshPostgresDatabase,
  openKnex,
  sqliteTarget,
  usePostgres,
  type DatabaseTarget,
} from './lib/databases';
import { writeInventory, type GeneratedInventory } from './lib/generator';
import { ImportRunner } from './lib/importRun';
import { getJson, runLoad } from './lib/loadClient';
import { loadAverage, machineNote } from './lib/machine';
import { profileListPools } from './lib/queryProfile';
import { startApiServer } from './lib/serverProcess';
import { percentile } from './lib/stats';
import { withTempDir } from './lib/tempDir';

/** 5 pools a cluster on average: 20 clusters hold 100 pools, 2,000 hold 10,000. */
const SIZES = [
  { clusters: 20, label: '100' },
  { clusters: 2000, label: '10,000' },
];

interface Endpoint {
  name: string;
  path: string;
  /** The same query for the store, when the endpoint is `GET /pools`. */
  query?: PoolQuery;
}

const ENDPOINTS: Endpoint[] = [
  { name: 'default page (50, by name)', path: '/api/nodepools/pools', query: {} },
  {
    name: 'filtered: provider=eks, capacityType=spot, q=payments',
    path: '/api/nodepools/pools?provider=eks&capacityType=spot&q=payments',
    query: { provider: ['eks'], capacityType: ['spot'], q: 'payments' },
  },
  // The same stack (auth, routing, JSON) around the smallest store read there is.
  { name: 'baseline: GET /sources (one row)', path: '/api/nodepools/sources' },
];

const WARMUP_REQUESTS_PER_CLIENT = 5;
/** Bounds each run in time when the server is slow; the table says how many requests completed. */
const MAX_RUN_MS = 120_000;
const PROFILE_ITERATIONS = 200;

interface Results {
  load: LoadMeasurement[];
  profiles: ProfileMeasurement[];
}

async function seed(target: DatabaseTarget, inventory: GeneratedInventory): Promise<void> {
  const knex = openKnex(target);
  try {
    const runner = await ImportRunner.create(knex, inventory);
    const { summary } = await runner.run();
    if (summary.created !== inventory.poolCount) {
      throw new Error(`seeding created ${summary.created} pools, expected ${inventory.poolCount}`);
    }
    if (target.client === 'pg') {
      // What autovacuum does within a minute of an import this size: the
      // benchmark measures the steady state, not the first minute.
      await knex.raw('vacuum analyze');
    }
  } finally {
    await knex.destroy();
  }
}

async function measureLoad(
  target: DatabaseTarget,
  pools: string,
  load: { clients: number; requestsPerClient: number },
  results: Results,
) {
  const database = describeTarget(target);
  const headers = { Authorization: mockCredentials.user.header() };
  const server = await startApiServer(target);
  try {
    for (const endpoint of ENDPOINTS) {
      const url = `${server.baseUrl}${endpoint.path}`;
      console.error(`${database}, ${pools} pools: ${endpoint.name}`);
      const answer = await getJson<Partial<PoolPage>>(url, headers);
      await runLoad({
        url,
        headers,
        clients: load.clients,
        requestsPerClient: WARMUP_REQUESTS_PER_CLIENT,
        maxMs: MAX_RUN_MS,
      });
      const run = await runLoad({ url, headers, ...load, maxMs: MAX_RUN_MS });
      results.load.push({
        database,
        pools,
        endpoint: endpoint.name,
        totalCount: answer.totalCount,
        requests: run.latencies.length,
        p50: percentile(run.latencies, 50),
        p99: percentile(run.latencies, 99),
        max: Math.max(...run.latencies),
        throughput: (run.latencies.length / run.wallMs) * 1000,
        kbPerAnswer: run.bytes / run.latencies.length / 1024,
        retries: run.retries,
      });
    }
  } finally {
    await server.stop();
  }
}

/** With the server gone, the same store answers one call at a time in this process. */
async function profileQueries(target: DatabaseTarget, pools: string, results: Results) {
  const knex = openKnex(target);
  try {
    const store = await openPoolStore(knex);
    for (const endpoint of ENDPOINTS) {
      if (!endpoint.query) continue;
      const profile = await profileListPools(knex, store, endpoint.query, PROFILE_ITERATIONS);
      results.profiles.push({
        database: describeTarget(target),
        pools,
        endpoint: endpoint.name,
        profile,
      });
    }
  } finally {
    await knex.destroy();
  }
}

async function main() {
  const clients = Number(process.argv[2] ?? 100);
  const requestsPerClient = Number(process.argv[3] ?? 50);
  const loadAtStart = loadAverage();
  const results: Results = { load: [], profiles: [] };
  const postgres = await usePostgres();
  try {
    for (const size of SIZES) {
      await withTempDir('api', async dir => {
        const inventory = await writeInventory({ dir, clusters: size.clusters });
        const pgDatabase = `nodepools_bench_api_${size.clusters}`;
        const targets = [
          sqliteTarget(dir, 'nodepools'),
          await freshPostgresDatabase(postgres.connectionString, pgDatabase),
        ];
        for (const target of targets) {
          await seed(target, inventory);
          await measureLoad(target, size.label, { clients, requestsPerClient }, results);
          await profileQueries(target, size.label, results);
        }
        await dropPostgresDatabase(postgres.connectionString, pgDatabase);
      });
    }
  } finally {
    await postgres.stop();
  }
  console.log(
    `### GET /api/nodepools/pools: ${clients} concurrent clients x ${requestsPerClient} requests ` +
      `(after ${WARMUP_REQUESTS_PER_CLIENT} each to warm up)\n`,
  );
  console.log(loadTable(results.load, SIZES[1].label, SIZES[0].label));
  console.log(
    `\n### Where one request spends its time (no concurrency, median of ${PROFILE_ITERATIONS})\n`,
  );
  console.log(profileTable(results.profiles));
  console.log(`\n${machineNote(loadAtStart)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
