/*
 * Pending-pod triage benchmark: POOLS pools / NODES nodes / PENDING pending
 * pods in SIGNATURES scheduling signatures (see lib/triage/cluster.ts), as
 * `POST /triage/analyze` takes them: the body is generated as kubectl JSON
 * text, piece by piece, and streamed through the analysis the API's worker
 * thread runs (`TriageBodyReader`, then what `serveTriageAnalysis` does
 * with it: the analysis and the report serialized to UTF-8 JSON). The input never exists as
 * objects. Afterwards, for a sample of the pods, the reference evaluator
 * (per pod, per node, sharing no scheduling code with the engine) is run
 * on an input of its own and its verdicts and reason codes are compared
 * with the report's. Prints a markdown table.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/triage.ts [POOLS NODES PENDING SIGNATURES SAMPLE]
 *
 * Defaults: 10000 200000 20000 200 40. The reference evaluation of every
 * pod would take hours at this size, so it runs on SAMPLE pods (spread over
 * all signatures) and its total is extrapolated linearly: it does the same
 * work for every pod.
 */
import os from 'node:os';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import {
  DEFAULT_MAX_EXPLAINED,
  TriageBodyReader,
  analyzeClusterInput,
  encodeReport,
  expandPodVerdicts,
  signaturesById,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import { prepareReference } from '@nodepools/plugin-nodepools-common/testing';
import { triageBenchItems } from './lib/triage/cluster';
import { benchBody } from './lib/triage/streamedBody';

const TARGET_MS = 2000;
const TARGET_MB = 500;
const TARGET_SPEEDUP = 10;

const MiB = 2 ** 20;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Peak resident memory of the process so far (the kernel's high-water mark). */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function time<T>(run: () => T): { value: T; ms: number; cpu: number; start: number; end: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const end = performance.now();
  return { value, ms: end - start, cpu: cpuMs(cpu), start, end };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load = () => os.loadavg().map(n => n.toFixed(2)).join(' / ');

/** Garbage collection pauses, to be added up per phase once they are delivered. */
const pauses: PerformanceEntry[] = [];
const gcObserver = new PerformanceObserver(list => pauses.push(...list.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });
const gcMs = (from: number, to: number) =>
  pauses.filter(e => e.startTime >= from && e.startTime < to).reduce((sum, e) => sum + e.duration, 0);
const flush = () => new Promise(resolve => setTimeout(resolve, 50));

async function main() {
  const [pools = 10000, nodes = 200000, pending = 20000, signatures = 200, sample = 40] = process.argv
    .slice(2)
    .map(Number);
  if ([pools, nodes, pending, signatures, sample].some(n => !Number.isInteger(n) || n < 1)) {
    console.error('usage: triage.ts [POOLS NODES PENDING SIGNATURES SAMPLE] (positive integers)');
    process.exit(2);
  }
  const loadBefore = load();
  // Node itself, the TypeScript transform this script runs under and the
  // modules loaded: a backend running the built package has its own base.
  const rssBefore = peakRssMb();
  const shape = { pools, nodes, pendingPods: pending, signatures };
  const items = triageBenchItems(shape);

  // The body goes through the reader the API's worker thread uses, and the
  // analysis runs as its session runs it (`serveTriageAnalysis`, 'analyze'):
  // the input read, the report built, then serialized to UTF-8 JSON. No
  // refusing limits (the API's are sized for one cluster, this input is
  // forty times that); the API's default budget of explained verdicts.
  const reader = new TriageBodyReader({});
  let bodyBytes = 0;
  let readerMs = 0;
  let readerCpu = 0;
  const read = time(() => {
    for (const piece of benchBody(items)) {
      const bytes = new Uint8Array(Buffer.from(piece));
      bodyBytes += bytes.byteLength;
      const cpu = process.cpuUsage();
      const start = performance.now();
      reader.write(bytes);
      readerMs += performance.now() - start;
      readerCpu += cpuMs(cpu);
    }
    reader.end();
  });
  const peakAfterRead = peakRssMb();
  const built = time(() => analyzeClusterInput(reader.finish(), reader.skipped, { limits: { maxExplained: DEFAULT_MAX_EXPLAINED } }));
  const peakAfterBuilt = peakRssMb();
  const serialized = time(() => encodeReport(built.value));
  const peak = peakRssMb();
  await flush();
  const readGc = gcMs(read.start, read.end);
  const builtGc = gcMs(built.start, built.end);
  const serializedGc = gcMs(serialized.start, serialized.end);
  const analysisMs = built.ms + serialized.ms;
  const loadAfter = load();
  const json = serialized.value.json;

  // Not measured from here on: the report read back, and the reference's own input.
  const report = JSON.parse(Buffer.from(json).toString('utf8')) as TriageReport;
  const bySignature = signaturesById(report);
  const step = Math.max(1, Math.floor(pending / sample));
  const sampled = new Set(Array.from({ length: sample }, (_, i) => `w-${(i * step) % signatures}-${i * step}`));
  const referenceInput = {
    cluster: items.cluster,
    pools: items.pools,
    nodes: { kind: 'List' as const, items: [...items.nodes()] },
    pods: {
      kind: 'List' as const,
      items: [...items.pods()].filter((pod: any) => pod.spec.nodeName || sampled.has(pod.metadata.name)),
    },
  };
  // The reference reads and indexes the input on its own: that part and
  // judging the sampled pods are timed apart, in one run.
  const referenceSetup = time(() => prepareReference(referenceInput));
  const prepared = referenceSetup.value;
  const reference = time(() => ({ pods: Array.from({ length: prepared.pendingPods }, (_, i) => prepared.judgePod(i)) }));
  const perPodMs = reference.ms / reference.value.pods.length;
  const referenceTotalMs = referenceSetup.ms + perPodMs * pending;

  const byName = new Map(report.pods.map(p => [p.name, p]));
  // Verdicts are compared on every pool; reason codes where the report
  // worked them out (the others have their quick verdict only).
  let compared = 0;
  let comparedCodes = 0;
  let disagreements = 0;
  for (const slow of reference.value.pods) {
    const quick = expandPodVerdicts(report, byName.get(slow.name)!, bySignature);
    slow.pools.forEach((verdict, i) => {
      compared++;
      const other = quick[i];
      const explained = other.explained !== false;
      if (explained) comparedCodes++;
      const codes = [...new Set(other.reasons.map(r => r.code))].sort().join(',');
      if (
        `${other.provider}/${other.pool}` !== verdict.pool ||
        other.fitsNow !== verdict.fitsNow ||
        other.fitsAfterScaleUp !== verdict.fitsAfterScaleUp ||
        (explained && codes !== verdict.codes.join(','))
      ) {
        disagreements++;
      }
    });
  }
  const explainedVerdicts = report.signatures.reduce((sum, signature) => sum + signature.verdicts.length, 0);

  const fixes = new Map<string, number>();
  for (const pod of report.pods) {
    const kind = (pod.fix ?? bySignature.get(pod.signature)?.fix)?.kind ?? pod.state;
    fixes.set(kind, (fixes.get(kind) ?? 0) + 1);
  }
  const runningPods = referenceInput.pods.items.length - sampled.size;

  const rows: string[][] = [
    ['measure', 'value', 'target'],
    [
      'input',
      `${fmt(pools)} pools, ${fmt(nodes)} nodes, ${fmt(runningPods)} running pods, ${fmt(pending)} pending pods in ${fmt(report.signatures.length)} signatures; body ${fmt(bodyBytes / MiB)} MB`,
      '',
    ],
    ['load average (1 / 5 / 15 min) before / after', `${loadBefore}; ${loadAfter}`, ''],
    [
      'reading the body, wall (CPU)',
      `${fmt(read.ms)} ms (${fmt(read.cpu)} ms), of which the reader ${fmt(readerMs)} ms (${fmt(readerCpu)} ms) and generating the text the rest; GC ${fmt(readGc)} ms`,
      '',
    ],
    ['peak RSS after reading', `${fmt(peakAfterRead)} MB`, ''],
    [
      'report built (quick verdicts, fixes): wall (CPU)',
      `${fmt(built.ms)} ms (${fmt(built.cpu)} ms); GC ${fmt(builtGc)} ms; peak RSS then ${fmt(peakAfterBuilt)} MB`,
      '',
    ],
    [
      'report serialized (JSON, UTF-8): wall (CPU)',
      `${fmt(serialized.ms)} ms (${fmt(serialized.cpu)} ms); GC ${fmt(serializedGc)} ms`,
      '',
    ],
    ['analysis once read (built + serialized): wall (CPU)', `${fmt(analysisMs)} ms (${fmt(built.cpu + serialized.cpu)} ms)`, `< ${fmt(TARGET_MS)} ms`],
    ['peak RSS of the whole run', `${fmt(peak)} MB`, `< ${fmt(TARGET_MB)} MB`],
    ['of which the process before the body arrived (Node, the transform, the modules)', `${fmt(rssBefore)} MB`, ''],
    ['report (UTF-8 JSON)', `${fmt(json.byteLength / MiB, 1)} MB, ${fmt(report.reasons.length)} distinct reasons`, ''],
    ['verdicts computed (pods x pools)', fmt(report.pods.length * pools), ''],
    [
      'verdicts explained with reasons (signatures x pools: maxExplained)',
      `${fmt(explainedVerdicts)} of ${fmt(report.signatures.length * pools)} (${fmt(DEFAULT_MAX_EXPLAINED)})`,
      '',
    ],
    ['reference: reading and indexing', `${fmt(referenceSetup.ms)} ms`, ''],
    [`reference: per pod (measured on ${reference.value.pods.length} pods)`, `${fmt(perPodMs)} ms`, ''],
    ['reference: all pods (extrapolated)', `${fmt(referenceTotalMs / 1000, 1)} s`, ''],
    ['speed-up over the reference (analysis once read)', `${fmt(referenceTotalMs / analysisMs, 0)}x`, `>= ${TARGET_SPEEDUP}x`],
    ['reference and engine disagree on', `${fmt(disagreements)} of ${fmt(compared)} pod x pool verdicts (reason codes compared on the ${fmt(comparedCodes)} explained)`, '0'],
    ['fixes', [...fixes].map(([kind, n]) => `${kind} ${fmt(n)}`).join(', '), ''],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} cores.`);
  gcObserver.disconnect();
  if (disagreements > 0) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
