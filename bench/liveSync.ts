/*
 * Live-sync benchmark (issue 4): the real EKS source (`@aws-sdk/client-eks`)
 * and the real observed-nodes source (`@kubernetes/client-node`), built from
 * app config, against a replay server in a child process on 127.0.0.1 that
 * plays 2,000 EKS clusters with 10,000 managed node groups and, per
 * cluster, a Kubernetes API with 100 nodes and their pods. On SQLite (a
 * file in a temporary directory) and on PostgreSQL 17: a full sync, a
 * no-change resync (which must write nothing) and a 1% change, with the
 * time, the syncing process's peak memory and the rows written.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/liveSync.ts [CLUSTERS] [NODES_PER_POOL]
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
import { liveSyncConfig, usePlaceholderAwsCredentials } from './lib/liveSync/config';
import { formatMiB } from './lib/liveSync/memory';
import { countProblems, detailTable, stepRows, targetTable, type DatabaseRun } from './lib/liveSync/report';
import { LiveSyncRunner, type StepMeasurement } from './lib/liveSync/runner';
import {
  DEFAULT_CLOUD_REQUEST_POLICY,
  DEFAULT_CLUSTER_CONCURRENCY,
  DEFAULT_PAGE_SIZE,
} from './lib/liveSync/backend';
import { loadAverage, machineNote } from './lib/machine';
import { startReplayProcess, type ReplayProcess } from './lib/replay/replayProcess';
import { Fleet, NO_CHANGE, type FleetChange } from './lib/replay/world';
import { formatCount, formatMs } from './lib/stats';
import { withTempDir } from './lib/tempDir';

const DEFAULT_NODES_PER_POOL = 20;
const PODS_PER_NODE = 3;
const CHANGED_SHARE = 0.01;
const POSTGRES_DATABASE = 'nodepools_bench_live';
/** A placeholder bearer token: the replay server accepts only it. */
const CLUSTER_TOKEN = 'replay-benchmark-service-account-token';

type Store = { kind: 'sqlite' } | { kind: 'pg'; target: DatabaseTarget };

/** A line on stderr per step: a full run takes minutes and prints its tables at the end. */
function progress(database: string, name: string, step: StepMeasurement): StepMeasurement {
  const times = step.runs.map(run => `${run.source} ${formatMs(run.ms)}`).join(', ');
  const rows = formatCount(stepRows(step));
  console.error(`${database}, ${name}: ${times}; ${rows} rows; peak RSS ${formatMiB(step.peakRss)}`);
  return step;
}

/** Checks one step's stored state against the fleet; returns what disagrees. */
async function checkStored(
  label: string,
  runner: LiveSyncRunner,
  fleet: Fleet,
  expectedNodes: number,
  step: StepMeasurement,
): Promise<string[]> {
  const stored = await runner.stored();
  const problems = [...countProblems(label, step), ...step.problems.map(p => `${label}: ${p}`)];
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) {
      problems.push(`${label}: ${what} is ${formatCount(actual)}, expected ${formatCount(expected)}`);
    }
  };
  expect('live pools', stored.livePools, fleet.poolCount);
  expect('pools seen only in clusters', stored.clusterOnlyPools, 0);
  expect('nodes in the stored roll-ups', stored.observedNodes, expectedNodes);
  expect('failing scopes', stored.failingScopes, 0);
  return problems;
}

async function benchmark(
  store: Store,
  fleet: Fleet,
  replay: ReplayProcess,
  problems: string[],
): Promise<DatabaseRun> {
  return withTempDir('live', async dir => {
    const target = store.kind === 'sqlite' ? sqliteTarget(dir, 'nodepools') : store.target;
    const database = describeTarget(target);
    const config = liveSyncConfig({
      baseUrl: replay.baseUrl,
      clusters: fleet.shape.clusters,
      token: CLUSTER_TOKEN,
    });
    const change: FleetChange = {
      raisedMax: Math.round(fleet.poolCount * CHANGED_SHARE),
      lostNode: Math.round(fleet.shape.clusters * CHANGED_SHARE),
    };
    await replay.apply(NO_CHANGE);
    const knex = openKnex(target);
    try {
      const runner = await LiveSyncRunner.create(knex, config, replay);
      const first = progress(database, 'full sync', await runner.step());
      problems.push(...(await checkStored(`${database} full sync`, runner, fleet, fleet.nodeCount, first)));
      const [eks, nodes] = first.runs;
      if (eks.summary.created !== fleet.poolCount) {
        problems.push(
          `${database}: the EKS sync created ${eks.summary.created} pools, expected ${fleet.poolCount}`,
        );
      }
      if (nodes.summary.poolRowsWritten !== fleet.poolCount) {
        problems.push(
          `${database}: the nodes sync wrote ${nodes.summary.poolRowsWritten} roll-ups, ` +
            `expected one per pool (${fleet.poolCount})`,
        );
      }

      const resync = progress(database, 'no-change resync', await runner.step());
      problems.push(
        ...(await checkStored(`${database} no-change resync`, runner, fleet, fleet.nodeCount, resync)),
      );

      await replay.apply(change);
      const changed = progress(database, '1% change', await runner.step());
      problems.push(
        ...(await checkStored(`${database} 1% change`, runner, fleet, fleet.nodeCount - change.lostNode, changed)),
      );
      if (changed.runs[0].summary.updated !== change.raisedMax) {
        problems.push(
          `${database}: the 1% change updated ${changed.runs[0].summary.updated} node groups, ` +
            `expected ${change.raisedMax}`,
        );
      }
      if (changed.runs[1].summary.poolRowsWritten !== change.lostNode) {
        problems.push(
          `${database}: the 1% change rewrote ${changed.runs[1].summary.poolRowsWritten} roll-ups, ` +
            `expected ${change.lostNode}`,
        );
      }
      return { database, first, resync, changed, change, pools: fleet.poolCount };
    } finally {
      await knex.destroy();
      await replay.apply(NO_CHANGE);
    }
  });
}

async function main() {
  const clusters = Number(process.argv[2] ?? 2000);
  const nodesPerPool = Number(process.argv[3] ?? DEFAULT_NODES_PER_POOL);
  const fleet = new Fleet({ clusters, nodesPerPool, podsPerNode: PODS_PER_NODE });
  const loadAtStart = loadAverage();
  const rssAtStart = process.memoryUsage.rss();
  usePlaceholderAwsCredentials();
  const problems: string[] = [];
  const runs: DatabaseRun[] = [];
  const replay = await startReplayProcess(fleet.shape, CLUSTER_TOKEN);
  try {
    runs.push(await benchmark({ kind: 'sqlite' }, fleet, replay, problems));
    const postgres = await usePostgres();
    try {
      const target = await freshPostgresDatabase(postgres.connectionString, POSTGRES_DATABASE);
      runs.push(await benchmark({ kind: 'pg', target }, fleet, replay, problems));
      await dropPostgresDatabase(postgres.connectionString, POSTGRES_DATABASE);
    } finally {
      await postgres.stop();
    }
    const { rejected } = await replay.counts();
    if (rejected) problems.push(`the replay server rejected ${rejected} requests`);
  } finally {
    await replay.stop();
  }

  console.log(
    `### Live sync: ${formatCount(clusters)} EKS clusters, ${formatCount(fleet.poolCount)} node groups, ` +
      `${formatCount(fleet.nodeCount)} nodes, ${formatCount(fleet.nodeCount * PODS_PER_NODE)} pods\n`,
  );
  console.log(targetTable(runs));
  console.log('');
  console.log(detailTable(runs));
  console.log(
    `\nSources at their defaults: EKS ${DEFAULT_CLOUD_REQUEST_POLICY.concurrency} calls at once; ` +
      `${DEFAULT_CLUSTER_CONCURRENCY} clusters read at once, pages of ${DEFAULT_PAGE_SIZE}. ` +
      `RSS of the syncing process before the replay server started: ${formatMiB(rssAtStart)}.`,
  );
  console.log(`\n${machineNote(loadAtStart)}`);
  if (problems.length) {
    console.error(`\n${problems.join('\n')}`);
    // Not `process.exitCode`: the embedded PostgreSQL's exit hook ends the process with 0.
    process.exit(1);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
