/*
 * Permissions benchmark: `GET /api/nodepools/pools` at 10,000 pools owned
 * by 500 groups, served by the real plugin behind the real permission
 * backend (real sign-in and plugin tokens), once with a policy that allows
 * every pool and once with a conditional owner decision (the user is in
 * two of the groups), which the plugin turns into SQL. The target: the
 * owner-filtered request's p99 within 1.5 times the unfiltered one's.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/permissions.ts \
 *     [CLIENTS] [REQUESTS_PER_CLIENT]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_OWNER_KEYS, type PoolPage } from '@nodepools/plugin-nodepools-common';
import { FileSource, openPoolStore, syncSource } from './lib/backend';
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
import { getJson, runLoad } from './lib/loadClient';
import { loadAverage, machineNote } from './lib/machine';
import { policyTable, TARGET_RATIO, type PolicyMeasurement } from './lib/permissions/report';
import { spreadOverTeams } from './lib/permissions/teamsSource';
import { quietLogger } from './lib/quietLogger';
import { startApiServer } from './lib/serverProcess';
import { percentile } from './lib/stats';
import { withTempDir } from './lib/tempDir';

const CLUSTERS = 2000; // 10,000 pools
const TEAMS = 500;
/** The signed-in user and the two groups it belongs to. */
const OWNERSHIP = ['user:default/bench', 'group:default/team-17', 'group:default/team-342'];
const MODES = ['allow', 'owner'] as const;
const WARMUP_REQUESTS_PER_CLIENT = 5;
const MAX_RUN_MS = 120_000;

const REQUESTS = [
  { name: 'default page (50, by name)', path: '/api/nodepools/pools' },
  { name: 'by node count, descending', path: '/api/nodepools/pools?sort=nodeCount&order=desc' },
  { name: 'filtered: capacityType=spot', path: '/api/nodepools/pools?capacityType=spot' },
];

async function seed(target: DatabaseTarget, inventory: GeneratedInventory): Promise<void> {
  const knex = openKnex(target);
  try {
    const store = await openPoolStore(knex);
    const summary = await syncSource({
      source: spreadOverTeams(new FileSource(inventory.files, inventory.dir), TEAMS),
      store,
      ownership: { keys: DEFAULT_OWNER_KEYS, rules: [] },
      logger: quietLogger(),
    });
    if (summary.created !== inventory.poolCount) {
      throw new Error(`seeding created ${summary.created} pools, expected ${inventory.poolCount}`);
    }
    const [{ n }] = await knex('nodepools_pools').countDistinct({ n: 'owner' });
    console.error(`${describeTarget(target)}: ${inventory.poolCount} pools, ${n} owners`);
    if (target.client === 'pg') await knex.raw('vacuum analyze');
  } finally {
    await knex.destroy();
  }
}

/** Every page of a listing, to check that the owner filter pages as it counts. */
async function followPages(url: string, headers: Record<string, string>) {
  let pages = 0;
  let items = 0;
  let cursor: string | undefined;
  let totalCount = 0;
  do {
    const { body: page } = await getJson<PoolPage>(
      cursor ? `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : url,
      headers,
    );
    pages += 1;
    items += page.items.length;
    totalCount = page.totalCount;
    cursor = page.nextCursor;
  } while (cursor);
  if (items !== totalCount) throw new Error(`${url}: ${items} pools over ${pages} pages, totalCount ${totalCount}`);
  return { pages, totalCount };
}

async function measure(
  target: DatabaseTarget,
  policyFile: string,
  load: { clients: number; requestsPerClient: number },
  results: PolicyMeasurement[],
) {
  const server = await startApiServer({ target }, {
    entry: path.join(__dirname, 'lib/permissions/policyServer.ts'),
    env: {
      NODEPOOLS_DEV_POLICY_FILE: policyFile,
      NODEPOOLS_BENCH_OWNERSHIP: JSON.stringify(OWNERSHIP),
    },
  });
  try {
    const { body: refresh } = await getJson<{ backstageIdentity: { token: string } }>(
      `${server.baseUrl}/api/auth/guest/refresh`,
      {},
    );
    const headers = { Authorization: `Bearer ${refresh.backstageIdentity.token}` };
    for (const request of REQUESTS) {
      const url = `${server.baseUrl}${request.path}`;
      for (const mode of MODES) {
        writeFileSync(policyFile, mode);
        console.error(`${describeTarget(target)}: ${request.name}, ${mode}`);
        const { pages, totalCount } =
          mode === 'owner' ? await followPages(url, headers) : { pages: 0, ...(await getJson<PoolPage>(url, headers)).body };
        await runLoad({ url, headers, clients: load.clients, requestsPerClient: WARMUP_REQUESTS_PER_CLIENT, maxMs: MAX_RUN_MS });
        const run = await runLoad({ url, headers, ...load, maxMs: MAX_RUN_MS });
        results.push({
          database: describeTarget(target),
          endpoint: request.name,
          mode,
          totalCount,
          pagesFollowed: pages,
          requests: run.latencies.length,
          p50: percentile(run.latencies, 50),
          p99: percentile(run.latencies, 99),
          throughput: (run.latencies.length / run.wallMs) * 1000,
        });
      }
    }
  } finally {
    await server.stop();
  }
}

async function main() {
  const clients = Number(process.argv[2] ?? 50);
  const requestsPerClient = Number(process.argv[3] ?? 40);
  const loadAtStart = loadAverage();
  const results: PolicyMeasurement[] = [];
  const postgres = await usePostgres();
  try {
    await withTempDir('permissions', async dir => {
      const inventory = await writeInventory({ dir, clusters: CLUSTERS });
      const pgDatabase = 'nodepools_bench_permissions';
      const targets = [
        sqliteTarget(dir, 'nodepools'),
        await freshPostgresDatabase(postgres.connectionString, pgDatabase),
      ];
      for (const target of targets) {
        await seed(target, inventory);
        await measure(target, path.join(dir, 'policy'), { clients, requestsPerClient }, results);
      }
      await dropPostgresDatabase(postgres.connectionString, pgDatabase);
    });
  } finally {
    await postgres.stop();
  }
  console.log(
    `### GET /api/nodepools/pools behind the permission backend: ${clients} concurrent clients x ` +
      `${requestsPerClient} requests (after ${WARMUP_REQUESTS_PER_CLIENT} each to warm up), ` +
      `10,000 pools of ${TEAMS} groups, the user in 2 of them\n`,
  );
  console.log(policyTable(results));
  const worst = Math.max(
    ...results
      .filter(r => r.mode === 'owner')
      .map(o => o.p99 / results.find(a => a.mode === 'allow' && a.database === o.database && a.endpoint === o.endpoint)!.p99),
  );
  console.log(`\nWorst p99 ratio ${worst.toFixed(2)} (target <= ${TARGET_RATIO}).`);
  console.log(`\n${machineNote(loadAtStart)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
