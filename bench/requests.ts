/*
 * Pool request validation benchmark: the policy checks and cost of
 * `POST /requests/validate` (the service behind the route: cluster
 * resolution, the cluster's pools, open requests of the cluster, the
 * owner's pools priced, the rules) over an inventory of POOLS pools in
 * POOLS / 5 clusters, with OPEN open requests. The catalog answers from
 * memory, as the validator's owner cache does after the first look-up.
 * Prints a markdown table; fails when a check gives an unexpected answer.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/requests.ts [POOLS OPEN SAMPLES]
 *
 * Defaults: 10000 1000 2000. SQLite (file) and PostgreSQL 17 (the
 * tests' server when its variable is set, else one started for the run).
 */
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import {
  defaultMachineCatalog,
  DEFAULT_OWNER_KEYS,
  parsePoolRequestSpec,
  type PoolRequestSpec,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../plugins/nodepools-backend/src/inventory/preparePool';
import { createRequestWorkflow } from '../plugins/nodepools-backend/src/requests/createRequestWorkflow';
import type { Caller } from '../plugins/nodepools-backend/src/requests/RequestService';
import { createStoresFromKnex } from '../plugins/nodepools-backend/src/store/createStores';
import { describeTarget, dropPostgresDatabase, freshPostgresDatabase, openKnex, sqliteTarget, usePostgres, type DatabaseTarget } from './lib/databases';
import { loadAverage, machineNote } from './lib/machine';
import { markdownTable } from './lib/markdown';
import { quietLogger } from './lib/quietLogger';
import { formatCount, formatMs, median, percentile } from './lib/stats';
import { withTempDir } from './lib/tempDir';

const TARGET_P99_MS = 20;
const OWNERS = 100;

const [pools = 10_000, open = 1_000, samples = 2_000] = process.argv.slice(2).map(Number);
const clusters = Math.ceil(pools / 5);
const TYPES = ['m6i.large', 'm6i.xlarge', 'm5.2xlarge', 'c6i.xlarge', 'r6i.large'];

function clusterName(i: number): string {
  return `cluster-${String(i).padStart(4, '0')}`;
}

function pool(i: number): PoolSpec {
  const max = 3 + (i % 7);
  return {
    provider: 'eks',
    account: '111122223333',
    region: 'eu-west-1',
    cluster: clusterName(Math.floor(i / 5)),
    name: `pool-${i % 5}`,
    mode: 'user',
    os: 'linux',
    arch: 'amd64',
    machineTypes: [TYPES[i % TYPES.length]],
    capacityType: i % 4 === 0 ? 'spot' : 'on-demand',
    nodeCount: 2,
    autoscaling: { enabled: true, min: 1, max },
    labels: { workload: `w${i % 13}` },
    taints: [],
    zones: [],
    tags: { owner: `team-${i % OWNERS}` },
    state: 'ACTIVE',
    raw: {},
  };
}

function spec(i: number, name: string, tainted = i % 3 === 0): PoolRequestSpec {
  return parsePoolRequestSpec({
    kind: 'eks-managed-node-group',
    cluster: `eks/111122223333/eu-west-1/${clusterName(i % clusters)}`,
    name,
    machineTypes: [TYPES[i % TYPES.length]],
    autoscaling: { min: 1, max: 4 + (i % 5) },
    labels: { workload: 'bench' },
    taints: tainted ? [{ key: 'dedicated', value: 'bench', effect: 'NoSchedule' }] : [],
    capacityType: i % 6 === 0 ? 'spot' : 'on-demand',
    owner: `team-${i % OWNERS}`,
    justification: 'benchmark',
  });
}

function caller(i: number): Caller {
  const userRef = `user:default/u${i % 50}`;
  return { credentials: { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: userRef } }, userRef, ownership: [userRef], canCreate: true, canApprove: false };
}

/** A catalog that knows every team; in production its answer is cached for a minute per owner. */
const catalog = {
  getEntityByRef: async (ref: string) => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: ref.split('/')[1], namespace: 'default' } }),
} as unknown as CatalogService;

async function seed(knex: Knex) {
  const stores = await createStoresFromKnex(knex);
  const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
  const listings = [];
  for (let c = 0; c < clusters; c++) {
    const items = [];
    for (let p = c * 5; p < Math.min(pools, c * 5 + 5); p++) items.push(preparePool(pool(p), ownership));
    listings.push({ scope: `eks:${clusterName(c)}`, complete: true, pools: items });
  }
  await stores.pools.applySync({ source: { id: 'eks', kind: 'eks', target: 'bench' }, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), outcome: { listings } });
  const workflow = createRequestWorkflow({
    pools: stores.pools,
    requests: stores.requests,
    config: { expireAfterMs: 14 * 86_400_000, approvers: [], policy: { machineTypes: [], quotas: {}, defaultQuota: { maxNodes: 100_000, monthlyCost: 10_000_000 }, specialisedCategories: ['gpu', 'accelerator', 'memory'] }, pricing: {} },
    logger: quietLogger(),
    catalog,
    machines: defaultMachineCatalog(),
  });
  for (let i = 0; i < open; i++) {
    await workflow.service.create(spec(i, `open-${i}`, true), caller(i), { submit: i % 2 === 0 });
  }
  return workflow;
}

async function measure(target: DatabaseTarget): Promise<string[]> {
  const knex = openKnex(target);
  try {
    const workflow = await seed(knex);
    // Warm-up: the JIT, the owner cache and the database's caches, as in a running backend.
    for (let i = 0; i < 200; i++) await workflow.service.validate(spec(i, `new-${i}`), caller(i));
    const times: number[] = [];
    const cpu: number[] = [];
    let errors = 0;
    for (let i = 0; i < samples; i++) {
      // Every fifth check names a pool the cluster already has: the name-unique rule must say so.
      const name = i % 5 === 0 ? `pool-${i % 5}` : `new-${i}`;
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const result = await workflow.service.validate(spec(i, name), caller(i));
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      const unique = result.violations.some(v => v.rule === 'name-unique');
      if (unique !== (i % 5 === 0)) throw new Error(`check ${i}: name-unique ${unique ? 'reported' : 'missed'} for ${name}`);
      if (!result.cost.known) throw new Error(`check ${i}: no price for ${spec(i, name).machineTypes[0]}`);
      if (!result.valid) errors++;
    }
    const p99 = percentile(times, 99);
    return [
      describeTarget(target),
      formatCount(pools),
      formatCount(open),
      formatCount(samples),
      formatMs(median(times)),
      formatMs(percentile(times, 95)),
      formatMs(p99),
      formatMs(Math.max(...times)),
      formatMs(percentile(cpu, 99)),
      `${formatCount(errors)} refused`,
      p99 < TARGET_P99_MS ? 'met (< 20 ms)' : 'missed (>= 20 ms)',
    ];
  } finally {
    await knex.destroy();
  }
}

async function main() {
  const load = loadAverage();
  const rows: string[][] = [];
  await withTempDir('requests', async dir => {
    rows.push(await measure(sqliteTarget(dir, 'requests')));
  });
  const server = await usePostgres();
  try {
    const target = await freshPostgresDatabase(server.connectionString, 'bench_requests');
    try {
      rows.push(await measure(target));
    } finally {
      await dropPostgresDatabase(server.connectionString, 'bench_requests');
    }
  } finally {
    await server.stop();
  }
  console.log('## Pool request validation\n');
  console.log(markdownTable(['Database', 'Pools', 'Open requests', 'Checks', 'Median', 'p95', 'p99', 'Slowest', 'p99 CPU of this process', 'Policy answers', 'Target (p99)'], rows));
  console.log(`\n${machineNote(load)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
