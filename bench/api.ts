/*
 * API benchmark: `GET /api/nodepools/pools` served by the real plugin (in a
 * child process, on a store seeded by a real import) under 100 concurrent
 * clients, at 100 and 10,000 pools on SQLite (a file) and PostgreSQL 17,
 * and at 100,000 pools on PostgreSQL; against routes of the same backend
 * that do nothing but authenticate (and read one row). Then, to explain
 * the numbers, where one listing spends its time in the store.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/api.ts \
 *     [CLIENTS] [REQUESTS_PER_CLIENT] [LARGEST_CLUSTERS]
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { PoolPage, PoolQuery } from '@nodepools/plugin-nodepools-common';
import {
  loadTable,
  profileTable,
  targetTable,
  type EndpointKey,
  type LoadMeasurement,
  type ProfileMeasurement,
} from './lib/apiReport';
import { seedInventory } from './lib/apiSeed';
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
import { writeInventory } from './lib/generator';
import { getJson, runLoad } from './lib/loadClient';
import { loadAverage, machineNote } from './lib/machine';
import { profileListPools } from './lib/queryProfile';
import { startApiServer, type ApiServer } from './lib/serverProcess';
import { percentile } from './lib/stats';
import { withTempDir } from './lib/tempDir';

interface Endpoint {
  key: EndpointKey;
  name: string;
  path: string;
  /** The same query for the store, when the endpoint is `GET /pools`. */
  query?: PoolQuery;
}

const BASELINES: Endpoint[] = [
  { key: 'oneRow', name: 'baseline: authenticated one-row route', path: '/api/bench/one-row' },
  { key: 'ping', name: 'baseline: authenticated route, no database', path: '/api/bench/ping' },
];

const POOL_QUERIES: Endpoint[] = [
  { key: 'default', name: 'default page (50, by name)', path: '/api/nodepools/pools', query: {} },
  {
    key: 'filtered',
    name: 'filtered: provider=eks, capacityType=spot',
    path: '/api/nodepools/pools?provider=eks&capacityType=spot',
    query: { provider: ['eks'], capacityType: ['spot'] },
  },
  { key: 'text', name: 'free text: q=payments', path: '/api/nodepools/pools?q=payments', query: { q: 'payments' } },
];

const NOT_MODIFIED: Endpoint = {
  key: 'notModified',
  name: 'default page, If-None-Match its tag (304)',
  path: '/api/nodepools/pools',
};

const WARMUP_REQUESTS_PER_CLIENT = 5;
/** Bounds each run in time when the server is slow; the table says how many requests completed. */
const MAX_RUN_MS = 120_000;
const PROFILE_ITERATIONS = 100;
/**
 * Requests per client without the page cache: each is assembled from the
 * database, so fewer (1,000 in all by default) keep the run within minutes.
 */
const UNCACHED_REQUESTS_PER_CLIENT = 10;
/** Tags change each minute: a 304 run starts with at least this much of the minute left. */
const TAG_MARGIN_MS = 25_000;

/** What a browser sends: every answer the server compresses is measured compressed. */
const HEADERS = {
  Authorization: mockCredentials.user.header(),
  'Accept-Encoding': 'gzip, deflate, br',
};

interface Size {
  clusters: number;
  label: string;
  postgresOnly: boolean;
}

interface Results {
  load: LoadMeasurement[];
  profiles: ProfileMeasurement[];
}

interface Run {
  target: DatabaseTarget;
  pools: string;
  load: { clients: number; requestsPerClient: number };
  results: Results;
}

async function awayFromTagEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < TAG_MARGIN_MS) await new Promise(resolve => setTimeout(resolve, left + 100));
}

async function measure(server: ApiServer, endpoint: Endpoint, pageCache: boolean, run: Run) {
  const url = `${server.baseUrl}${endpoint.path}`;
  const database = describeTarget(run.target);
  console.error(`${database}, ${run.pools} pools, page cache ${pageCache ? 'on' : 'off'}: ${endpoint.name}`);
  const first = await getJson<Partial<PoolPage>>(url, HEADERS);
  let headers: Record<string, string> = HEADERS;
  let accepted = [200];
  if (endpoint.key === 'notModified') {
    await awayFromTagEdge();
    const { etag } = await getJson(url, HEADERS);
    if (!etag) throw new Error(`GET ${endpoint.path} sent no ETag`);
    headers = { ...HEADERS, 'If-None-Match': etag };
    accepted = [304, 200];
  }
  const common = { url, headers, clients: run.load.clients, maxMs: MAX_RUN_MS, accepted };
  await runLoad({ ...common, requestsPerClient: WARMUP_REQUESTS_PER_CLIENT });
  const requestsPerClient = pageCache
    ? run.load.requestsPerClient
    : Math.min(run.load.requestsPerClient, UNCACHED_REQUESTS_PER_CLIENT);
  const result = await runLoad({ ...common, requestsPerClient });
  if (result.statuses[200] && endpoint.key === 'notModified') {
    console.error(`warn: ${result.statuses[200]} answers were 200: the tag changed during the run`);
  }
  run.results.load.push({
    database,
    pools: run.pools,
    endpoint: endpoint.key,
    endpointName: endpoint.name,
    pageCache,
    totalCount: endpoint.query ? first.body.totalCount : undefined,
    requests: result.latencies.length,
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    max: Math.max(...result.latencies),
    throughput: (result.latencies.length / result.wallMs) * 1000,
    kbPerAnswer: result.bytes / result.latencies.length / 1024,
    retries: result.retries,
    statuses: result.statuses,
  });
}

async function measureServer(run: Run, pageCache: boolean) {
  const server = await startApiServer({ target: run.target, ...(pageCache ? {} : { listingCacheMb: 0 }) });
  try {
    const endpoints = pageCache ? [...BASELINES, ...POOL_QUERIES, NOT_MODIFIED] : POOL_QUERIES;
    for (const endpoint of endpoints) await measure(server, endpoint, pageCache, run);
  } finally {
    await server.stop();
  }
}

/** With the server gone, the same store answers one call at a time in this process, without its page cache. */
async function profileQueries(run: Run) {
  const knex = openKnex(run.target);
  try {
    const store = await openPoolStore(knex, { listingCacheBytes: 0 });
    for (const endpoint of POOL_QUERIES) {
      const profile = await profileListPools(knex, store, endpoint.query!, PROFILE_ITERATIONS);
      run.results.profiles.push({ database: describeTarget(run.target), pools: run.pools, endpoint: endpoint.name, profile });
    }
  } finally {
    await knex.destroy();
  }
}

async function main() {
  const clients = Number(process.argv[2] ?? 100);
  const requestsPerClient = Number(process.argv[3] ?? 50);
  const largest = Number(process.argv[4] ?? 20_000);
  const sizes: Size[] = [
    { clusters: 20, label: '100', postgresOnly: false },
    { clusters: 2000, label: '10,000', postgresOnly: false },
    { clusters: largest, label: (largest * 5).toLocaleString('en-US'), postgresOnly: true },
  ];
  const loadAtStart = loadAverage();
  const results: Results = { load: [], profiles: [] };
  const postgres = await usePostgres();
  try {
    for (const size of sizes) {
      await withTempDir('api', async dir => {
        console.error(`generating ${size.clusters} clusters`);
        const inventory = await writeInventory({ dir, clusters: size.clusters });
        const pgDatabase = `nodepools_bench_api_${size.clusters}`;
        const targets = [
          ...(size.postgresOnly ? [] : [sqliteTarget(dir, 'nodepools')]),
          await freshPostgresDatabase(postgres.connectionString, pgDatabase),
        ];
        for (const target of targets) {
          console.error(`seeding ${inventory.poolCount} pools into ${describeTarget(target)}`);
          await seedInventory(target, inventory);
          const run: Run = { target, pools: size.label, load: { clients, requestsPerClient }, results };
          await measureServer(run, true);
          await measureServer(run, false);
          await profileQueries(run);
        }
        await dropPostgresDatabase(postgres.connectionString, pgDatabase);
      });
    }
  } finally {
    await postgres.stop();
  }
  const byDatabase = [...results.load].sort((a, b) => a.database.localeCompare(b.database) * -1);
  console.log(
    `### GET /api/nodepools/pools: ${clients} concurrent clients x ${requestsPerClient} requests ` +
      `(after ${WARMUP_REQUESTS_PER_CLIENT} each to warm up), answers gzip-compressed as a browser asks\n`,
  );
  console.log(loadTable(byDatabase));
  console.log('\n### Targets\n');
  console.log(targetTable(byDatabase, { small: sizes[0].label, medium: sizes[1].label, large: sizes[2].label }));
  console.log(`\n### Where one listing spends its time in the store (no concurrency, no page cache, median of ${PROFILE_ITERATIONS})\n`);
  console.log(profileTable(results.profiles));
  console.log(`\n${machineNote(loadAtStart)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
