/*
 * Drift benchmark: POOLS declared pools in one generated Terraform state
 * (plus their cluster resources) and KARPENTER NodePools in multi-document
 * manifests (one file per cluster), against the cloud's pools with their
 * nodes' roll-ups. Times reading the desired state, the comparison (with the
 * resolutions of every finding) and both together, and the memory used.
 * Prints a markdown table.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/drift.ts [POOLS KARPENTER]
 *
 * Defaults: 10000 10000. The run fails when the findings differ from what
 * the generator planted, or when a rerun on the same input gives other
 * findings.
 */
import {
  compareDrift,
  readDesired,
  type DesiredCluster,
  type DesiredPool,
  type DriftReport,
} from '@nodepools/plugin-nodepools-common';
import { generateDriftFleet } from './lib/drift/fleet';
import { machineNote, loadAverage } from './lib/machine';
import { markdownTable } from './lib/markdown';
import { formatCount, formatMs, median } from './lib/stats';

const TARGET_MS = 3000;
const MiB = 2 ** 20;

/** Wall time, and the process's CPU time (all threads, GC included): the latter suffers less from a busy machine. */
function time<T>(run: () => T): { value: T; ms: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const cpu = process.cpuUsage(cpuStart);
  return { value, ms: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Peak resident memory of the process so far (the kernel's high-water mark). */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const heapMb = () => process.memoryUsage().heapUsed / MiB;

function count(report: DriftReport, cause: string): number {
  return report.findings.filter(f => f.cause === cause).length;
}

interface Run {
  stateMs: number;
  manifestsMs: number;
  compareMs: number;
  totalMs: number;
  totalCpu: number;
  desired: number;
  report: DriftReport;
}

/** One full pass: read the state and every manifest file, then compare. */
function runOnce(fleet: ReturnType<typeof generateDriftFleet>): Run {
  const state = time(() => readDesired(fleet.stateText, { source: 'bench.tfstate' }));
  const manifests = time(() => {
    const read: DesiredPool[] = [];
    for (const file of fleet.manifests) {
      read.push(...readDesired(file.text, { source: `${file.cluster}.yaml`, cluster: file.cluster, region: file.region }).pools);
    }
    return read;
  });
  const desired = [...state.value.pools, ...manifests.value];
  const clusters: DesiredCluster[] = state.value.clusters;
  const compared = time(() => compareDrift({ desired, actual: fleet.actual, clusters }));
  return {
    stateMs: state.ms,
    manifestsMs: manifests.ms,
    compareMs: compared.ms,
    totalMs: state.ms + manifests.ms + compared.ms,
    totalCpu: state.cpu + manifests.cpu + compared.cpu,
    desired: desired.length,
    report: compared.value,
  };
}

const WARM_RUNS = 3;

function main() {
  const [pools = 10000, karpenter = 10000] = process.argv.slice(2).map(Number);
  if (![pools, karpenter].every(n => Number.isInteger(n) && n >= 5)) {
    console.error('usage: drift.ts [POOLS KARPENTER] (integers of at least 5)');
    process.exit(2);
  }
  const loadAtStart = loadAverage();
  const generated = time(() => generateDriftFleet(pools, karpenter));
  const fleet = generated.value;
  const inputRss = process.memoryUsage().rss / MiB;
  const heapBefore = heapMb();

  // The first pass is what a one-off `nodepools drift` costs; later ones what a running backend pays.
  const cold = runOnce(fleet);
  const peak = peakRssMb();
  const heapAfter = heapMb();
  const warm = Array.from({ length: WARM_RUNS }, () => runOnce(fleet));
  const medianOf = (pick: (r: Run) => number) => median(warm.map(pick));
  const report = cold.report;
  const sameOnRerun = warm.every(
    run => run.report.findings.length === report.findings.length && run.report.findings.every((f, i) => f.id === report.findings[i].id),
  );

  const found = {
    changed: count(report, 'changed'),
    declaredNotFound: count(report, 'declared-not-found'),
    notInIac: count(report, 'not-in-iac'),
    versionSkew: count(report, 'version-skew'),
    nodeImage: count(report, 'node-image'),
  };
  const expected = fleet.expected;
  const asPlanted =
    (Object.keys(expected) as Array<keyof typeof expected>).every(k => found[k] === expected[k]) &&
    report.findings.length === Object.values(expected).reduce((a, b) => a + b, 0);
  const withCommands = report.findings.filter(f => f.revert?.kind === 'shell').length;
  const both = (pick: (r: Run) => number) => `${formatMs(pick(cold))} / ${formatMs(medianOf(pick))}`;

  const rows = [
    [
      'input',
      `${formatCount(pools)} pools in a ${(fleet.stateText.length / MiB).toFixed(0)} MB state with ${formatCount(pools / 5)} cluster resources, ${formatCount(karpenter)} NodePools in ${formatCount(fleet.manifests.length)} manifest files, ${formatCount(fleet.actual.length)} cloud pools with node roll-ups`,
      '',
    ],
    ['generating the input (not timed below)', `${formatMs(generated.ms)}, RSS ${inputRss.toFixed(0)} MB`, ''],
    ['reading the state (first pass / median of the next ' + WARM_RUNS + ')', both(r => r.stateMs), ''],
    ['reading the manifests', both(r => r.manifestsMs), ''],
    ['comparison, resolutions included', both(r => r.compareMs), ''],
    ['read + comparison, wall time', both(r => r.totalMs), `< ${formatMs(TARGET_MS)}`],
    ['read + comparison, CPU time', both(r => r.totalCpu), ''],
    ['peak RSS after the first pass, input included', `${peak.toFixed(0)} MB`, ''],
    ['heap added by the first pass (before GC)', `${(heapAfter - heapBefore).toFixed(0)} MB`, ''],
    ['findings', `${formatCount(report.findings.length)}: ${Object.entries(found).map(([k, v]) => `${k} ${formatCount(v)}`).join(', ')}`, 'as planted'],
    ['findings with a revert command', formatCount(withCommands), ''],
    ['findings as planted', asPlanted ? 'yes' : `no (planted ${JSON.stringify(expected)})`, 'yes'],
    ['same findings and ids on every rerun', sameOnRerun ? 'yes' : 'no', 'yes'],
  ];
  console.log(markdownTable(['measure', 'value', 'target'], rows));
  console.log(`\n${machineNote(loadAtStart)}`);
  if (!asPlanted || !sameOnRerun) process.exitCode = 1;
}

main();
