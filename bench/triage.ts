/*
 * Pending-pod triage benchmark: POOLS pools / NODES nodes / PENDING pending
 * pods in SIGNATURES scheduling signatures, generated in-process (see
 * lib/triage/cluster.ts), through the grouped engine and, for a sample of
 * the pods, through the reference evaluator (per pod, per node, sharing no
 * scheduling code with the engine). Prints a markdown table.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/triage.ts [POOLS NODES PENDING SIGNATURES SAMPLE]
 *
 * Defaults: 10000 200000 20000 200 40. The reference evaluation of every
 * pod would take hours at this size, so it runs on SAMPLE pods (spread over
 * all signatures) and its total is extrapolated linearly: it does the same
 * work for every pod. Its verdicts and reason codes for the sample are
 * checked against the engine's.
 */
import {
  analyzePendingPods,
  expandPodVerdicts,
  signaturesById,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import { referenceTriage } from '@nodepools/plugin-nodepools-common/testing';
import { generateTriageInput } from './lib/triage/cluster';

const TARGET_MS = 2000;
const TARGET_MB = 500;
const TARGET_SPEEDUP = 10;

const MiB = 2 ** 20;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function rssMb(): number {
  return process.memoryUsage().rss / MiB;
}

/** Peak resident memory of the process so far (the kernel's high-water mark). */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function time<T>(run: () => T): { value: T; ms: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start, cpu: cpuMs(cpu) };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function main() {
  const [pools = 10000, nodes = 200000, pending = 20000, signatures = 200, sample = 40] = process.argv
    .slice(2)
    .map(Number);
  if ([pools, nodes, pending, signatures, sample].some(n => !Number.isInteger(n) || n < 1)) {
    console.error('usage: triage.ts [POOLS NODES PENDING SIGNATURES SAMPLE] (positive integers)');
    process.exit(2);
  }

  const generated = time(() => generateTriageInput({ pools, nodes, pendingPods: pending, signatures }));
  const input = generated.value;
  const inputRss = rssMb();
  const runningPods = input.pods.items.length - pending;

  const fast = time(() => analyzePendingPods(input));
  const report: TriageReport = fast.value;
  const peakAfterFast = peakRssMb();

  // Reasons are worked out when a signature's verdicts are first read.
  const firstSignature = report.signatures[0];
  const reasons = time(() => firstSignature.verdicts.reduce((n, v) => n + v.reasons.length, 0));
  const bySignature = signaturesById(report);

  // The reference reads and indexes the input on its own; that part is
  // timed on its own (limit 0) and left out of the per-pod cost.
  const step = Math.max(1, Math.floor(pending / sample));
  const sampled = new Set(Array.from({ length: sample }, (_, i) => `w-${(i * step) % signatures}-${i * step}`));
  const referenceInput = {
    ...input,
    pods: { kind: 'List' as const, items: input.pods.items.filter((pod: any) => pod.spec.nodeName || sampled.has(pod.metadata.name)) },
  };
  const referenceSetup = time(() => referenceTriage(referenceInput, { limit: 0 }));
  const reference = time(() => referenceTriage(referenceInput));
  const perPodMs = (reference.ms - referenceSetup.ms) / reference.value.pods.length;
  const referenceTotalMs = referenceSetup.ms + perPodMs * pending;

  const byName = new Map(report.pods.map(p => [p.name, p]));
  let compared = 0;
  let disagreements = 0;
  // Verdicts and reason codes: the engine's reasons of the sampled pods' signatures are worked out here.
  for (const slow of reference.value.pods) {
    const quick = expandPodVerdicts(report, byName.get(slow.name)!, bySignature);
    slow.pools.forEach((verdict, i) => {
      compared++;
      const other = quick[i];
      const codes = [...new Set(other.reasons.map(r => r.code))].sort().join(',');
      if (
        `${other.provider}/${other.pool}` !== verdict.pool ||
        other.fitsNow !== verdict.fitsNow ||
        other.fitsAfterScaleUp !== verdict.fitsAfterScaleUp ||
        codes !== verdict.codes.join(',')
      ) {
        disagreements++;
      }
    });
  }

  const fixes = new Map<string, number>();
  for (const pod of report.pods) {
    const kind = (pod.fix ?? bySignature.get(pod.signature)?.fix)?.kind ?? pod.state;
    fixes.set(kind, (fixes.get(kind) ?? 0) + 1);
  }

  const rows: string[][] = [
    ['measure', 'value', 'target'],
    ['input', `${fmt(pools)} pools, ${fmt(nodes)} nodes, ${fmt(runningPods)} running pods, ${fmt(pending)} pending pods in ${fmt(report.signatures.length)} signatures`, ''],
    ['generating the input (not part of the triage)', `${fmt(generated.ms)} ms, RSS ${fmt(inputRss)} MB`, ''],
    ['triage, wall time', `${fmt(fast.ms)} ms`, `< ${fmt(TARGET_MS)} ms`],
    ['triage, CPU time (all threads, GC included)', `${fmt(fast.cpu)} ms`, ''],
    ['peak RSS, input included', `${fmt(peakAfterFast)} MB`, `< ${fmt(TARGET_MB)} MB`],
    ['peak RSS added by the triage', `${fmt(peakAfterFast - inputRss)} MB`, ''],
    ['verdicts computed (pods x pools)', fmt(report.pods.length * pools), ''],
    [`reasons of one signature (${fmt(pools)} pools), on first read`, `${fmt(reasons.ms)} ms`, ''],
    ['reference: reading and indexing', `${fmt(referenceSetup.ms)} ms`, ''],
    [`reference: per pod (measured on ${reference.value.pods.length} pods)`, `${fmt(perPodMs)} ms`, ''],
    ['reference: all pods (extrapolated)', `${fmt(referenceTotalMs / 1000, 1)} s`, ''],
    ['speed-up over the reference', `${fmt(referenceTotalMs / fast.ms, 0)}x`, `>= ${TARGET_SPEEDUP}x`],
    ['reference and engine disagree on', `${fmt(disagreements)} of ${fmt(compared)} pod x pool verdicts and reason codes`, '0'],
    ['fixes', [...fixes].map(([kind, n]) => `${kind} ${fmt(n)}`).join(', '), ''],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}.`);
  if (disagreements > 0) process.exitCode = 1;
}

main();
