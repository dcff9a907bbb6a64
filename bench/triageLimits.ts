/*
 * Bounded triage benchmark (issue 8): the real backend plugin, in a child
 * process on a SQLite store seeded with 10,000 pools, answers one large
 * `POST /api/nodepools/triage/analyze` at a time while CLIENTS other
 * clients send `GET /api/nodepools/pools` without pause, and the server's
 * resident memory (its triage thread included) is sampled every 100 ms.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/triageLimits.ts [SCALE] [CLIENTS] [CASES]
 *
 * Cases (lib/triage/limitInputs.ts): (a) 1,000,000 minimal pending pods
 * against 100 nodes; (b) 100,000 pods with distinct requests and hostPort
 * 80 against 20,000 nodes whose port 80 is taken. SCALE divides the counts
 * (default 1); CLIENTS defaults to 4; CASES (default `ab`) picks cases. Each case is sent first to a server
 * with the default limits; when it is refused or stopped, again to one with
 * the limits raised (and, when the triage thread ran out of memory, with a
 * larger thread heap too). Prints a markdown table.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { seedInventory } from './lib/apiSeed';
import { sqliteTarget, type DatabaseTarget } from './lib/databases';
import { writeInventory } from './lib/generator';
import { loadAverage, machineNote } from './lib/machine';
import { startApiServer } from './lib/serverProcess';
import { withTempDir } from './lib/tempDir';
import { limitBody, limitBodySize, limitCases, limitPodCount, type LimitCase } from './lib/triage/limitInputs';
import {
  inputText,
  latenciesBetween,
  limitsTable,
  summarizeAnswer,
  TARGET_P99_MS,
  TARGET_RSS_MB,
  type LimitRun,
} from './lib/triage/limitsReport';
import { startPoller } from './lib/triage/poller';
import { postPieces } from './lib/triage/postBody';
import { sampleRss } from './lib/triage/rssSampler';

const INVENTORY_CLUSTERS = 2000;
/** `GET /pools` runs alone this long before the analysis is sent; its first second is left out (warm-up). */
const IDLE_MS = 6000;
const WARMUP_MS = 1000;

const HEADERS = { Authorization: mockCredentials.user.header() };
const POLL_HEADERS = { ...HEADERS, 'Accept-Encoding': 'gzip, deflate, br' };

interface LimitsConfig {
  label: string;
  limits?: Record<string, unknown>;
}

/** Size limits well past both cases, and time for the slowest; the thread's heap stays at its default. */
const RAISED: Record<string, unknown> = {
  maxBodySize: '2gb',
  maxPods: 5_000_000,
  maxNodes: 1_000_000,
  maxWork: 1_000_000_000,
  timeBudget: { minutes: 5 },
};
const RAISED_MEMORY_MB = 4096;

function describeLimits(limits: Record<string, unknown>): string {
  return Object.entries(limits)
    .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

const CONFIGS: LimitsConfig[] = [
  { label: 'default' },
  { label: `raised: ${describeLimits(RAISED)}`, limits: RAISED },
  {
    label: `raised, and workerMemory ${RAISED_MEMORY_MB}`,
    limits: { ...RAISED, workerMemory: RAISED_MEMORY_MB },
  },
];

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function runCase(
  target: DatabaseTarget,
  c: LimitCase,
  bodyBytes: number,
  config: LimitsConfig,
  clients: number,
): Promise<LimitRun> {
  console.error(`${c.title}, limits ${config.label}: starting the server`);
  const server = await startApiServer({
    target,
    ...(config.limits ? { nodepools: { triage: { limits: config.limits } } } : {}),
  });
  try {
    const rss = sampleRss(server.pid);
    const poller = await startPoller({ url: `${server.baseUrl}/api/nodepools/pools`, headers: POLL_HEADERS, clients });
    const pollStart = performance.timeOrigin + performance.now();
    await sleep(IDLE_MS);
    const rssBefore = rss.stop().peakSampledMb;
    const sampler = sampleRss(server.pid);
    console.error(`${c.title}: sending ${bodyBytes.toLocaleString('en-US')} bytes`);
    const post = await postPieces({
      url: `${server.baseUrl}/api/nodepools/triage/analyze`,
      headers: HEADERS,
      pieces: limitBody(c),
      length: bodyBytes,
    });
    const memory = sampler.stop();
    const samples = await poller.stop();
    console.error(`${c.title}: answered ${post.status} in ${Math.round(post.endedAt - post.startedAt)} ms`);
    return {
      case: c,
      bodyBytes,
      limits: config.label,
      post: { ...post, answer: undefined },
      during: latenciesBetween(samples, post.startedAt, post.endedAt),
      idle: latenciesBetween(samples, pollStart + WARMUP_MS, post.startedAt - 1),
      pollFailures: samples.failures,
      rssBeforeMb: rssBefore,
      peakRssMb: memory.peakSampledMb,
      highWaterMb: memory.highWaterMb,
      answer: post.answer ? summarizeAnswer(post.answer) : undefined,
    };
  } finally {
    await server.stop();
  }
}

/** The next limits to try after `run`, or none: raised after a refusal, a larger heap after running out of it. */
function nextConfig(run: LimitRun, index: number): number | undefined {
  if (run.post.status === 200) return undefined;
  if (index === 0) return 1;
  if (index === 1 && run.post.status === 503 && run.post.errorText?.includes('workerMemory')) return 2;
  return undefined;
}

async function main() {
  const [scale = 1, clients = 4] = process.argv.slice(2, 4).map(Number);
  const wanted = process.argv[4] ?? 'ab';
  if (![scale, clients].every(n => Number.isInteger(n) && n >= 1) || !/^[ab]+$/.test(wanted)) {
    console.error('usage: triageLimits.ts [SCALE] [CLIENTS] [CASES] (positive integers; cases: a, b or ab)');
    process.exit(2);
  }
  const cases = limitCases(scale).filter(c => wanted.includes(c.letter));
  const loadAtStart = loadAverage();
  const runs: LimitRun[] = [];
  const inputs: string[] = [];
  await withTempDir('triage-limits', async dir => {
    console.error(`seeding ${INVENTORY_CLUSTERS} clusters into SQLite`);
    const inventory = await writeInventory({ dir, clusters: INVENTORY_CLUSTERS });
    const target = sqliteTarget(dir, 'nodepools');
    await seedInventory(target, inventory);
    for (const c of cases) {
      const bodyBytes = limitBodySize(c);
      inputs.push(`- ${c.title}: ${inputText(c, bodyBytes, limitPodCount(c))}`);
      for (let index: number | undefined = 0; index !== undefined; ) {
        const run = await runCase(target, c, bodyBytes, CONFIGS[index], clients);
        runs.push(run);
        // Each run's row as soon as it is known: a long run is not lost to a later failure.
        console.error(limitsTable([run]).split('\n')[2]);
        index = nextConfig(run, index);
      }
    }
  });
  console.log(
    `### One triage analysis at a time, with ${clients} clients sending GET /api/nodepools/pools without pause ` +
      `(SQLite, 10,000 pools)\n`,
  );
  console.log(`${inputs.join('\n')}\n`);
  console.log(limitsTable(runs));
  console.log(
    `\nTargets: GET /pools p99 < ${TARGET_P99_MS} ms while the analysis runs; the server process under ` +
      `${TARGET_RSS_MB} MiB (peak of VmRSS sampled every 100 ms, and VmHWM). Latencies include requests sent ` +
      'before the analysis and still waiting when it began.',
  );
  console.log(`\n${machineNote(loadAtStart)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
