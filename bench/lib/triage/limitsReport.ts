import type { TriageReport } from '@nodepools/plugin-nodepools-common';
import { markdownTable } from '../markdown';
import { formatCount, formatMs, percentile } from '../stats';
import type { LimitCase } from './limitInputs';
import type { PostResult } from './postBody';
import type { PollSamples } from './poller';

export const TARGET_P99_MS = 100;
export const TARGET_RSS_MB = 1024;

export interface LatencySummary {
  requests: number;
  p50: number;
  p99: number;
  max: number;
}

/** One analysis request on a server of its own, with what happened around it. */
export interface LimitRun {
  case: LimitCase;
  bodyBytes: number;
  /** `default`, or the limits raised for the run, in words. */
  limits: string;
  post: PostResult;
  /** `GET /pools` while the analysis ran, and while the server was idle before it. */
  during?: LatencySummary;
  idle?: LatencySummary;
  pollFailures: string[];
  rssBeforeMb: number;
  peakRssMb: number;
  highWaterMb: number;
  answer?: AnswerSummary;
}

export interface AnswerSummary {
  format: number;
  pods: number;
  signatures: number;
  pools: number;
  /** Pods by the kind of their fix. */
  fixes: Record<string, number>;
}

/** Requests whose time overlaps [from, to] (epoch milliseconds): sent before and still waiting count too. */
export function latenciesBetween(samples: PollSamples, from: number, to: number): LatencySummary | undefined {
  const ms: number[] = [];
  for (let i = 0; i < samples.sentAt.length; i++) {
    if (samples.sentAt[i] <= to && samples.sentAt[i] + samples.ms[i] >= from) ms.push(samples.ms[i]);
  }
  if (ms.length === 0) return undefined;
  // A loop, not Math.max(...ms): a long run has more samples than arguments fit on the stack.
  const max = ms.reduce((a, b) => (b > a ? b : a), 0);
  return { requests: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max };
}

export function summarizeAnswer(json: Buffer): AnswerSummary {
  const report = JSON.parse(json.toString('utf8')) as TriageReport;
  const fixOf = new Map(report.signatures.map(s => [s.id, s.fix.kind]));
  const fixes: Record<string, number> = {};
  for (const pod of report.pods) {
    const kind = pod.fix?.kind ?? fixOf.get(pod.signature) ?? pod.state;
    fixes[kind] = (fixes[kind] ?? 0) + 1;
  }
  return {
    format: report.format,
    pods: report.pods.length,
    signatures: report.signatures.length,
    pools: report.pools.length,
    fixes,
  };
}

const mb = (n: number) => `${formatCount(Math.round(n))} MB`;

function answerText(run: LimitRun): string {
  const { post } = run;
  const size = `${mb(post.answerBytes / 2 ** 20)}`;
  if (post.status === 200 && run.answer) {
    const fixes = Object.entries(run.answer.fixes)
      .map(([kind, n]) => `${kind} ${formatCount(n)}`)
      .join(', ');
    return (
      `200, ${size} (format ${run.answer.format}: ${formatCount(run.answer.pods)} pods, ` +
      `${formatCount(run.answer.signatures)} signatures x ${formatCount(run.answer.pools)} pools; fixes: ${fixes})`
    );
  }
  let message = post.errorText ?? '';
  try {
    message = (JSON.parse(message) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // not JSON: shown as it came
  }
  const sent = post.sentBytes < run.bodyBytes ? `; ${mb(post.sentBytes / 2 ** 20)} of the body sent` : '';
  const retry = post.retryAfter ? `; Retry-After ${post.retryAfter}` : '';
  return `${post.status}: ${message}${retry}${sent}`;
}

function latencyText(summary: LatencySummary | undefined): string {
  if (!summary) return 'no request';
  return `${formatCount(summary.requests)} requests: ${formatMs(summary.p50)} / ${formatMs(summary.p99)} / ${formatMs(summary.max)}`;
}

function verdicts(run: LimitRun): string {
  const p99 = run.during?.p99;
  const latency =
    p99 === undefined ? 'p99: no request' : `p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'missed'}`;
  const peak = Math.max(run.peakRssMb, run.highWaterMb);
  const memory = `< 1 GiB: ${peak < TARGET_RSS_MB ? 'met' : 'missed'}`;
  return `${latency}; ${memory}`;
}

export function inputText(c: LimitCase, bodyBytes: number, pods: number): string {
  return (
    `${formatCount(c.pendingPods)} pending pods (${formatCount(pods)} pods in all), ${formatCount(c.nodes)} nodes ` +
    `in ${formatCount(c.pools)} pools; body ${mb(bodyBytes / 2 ** 20)}`
  );
}

export function limitsTable(runs: readonly LimitRun[]): string {
  return markdownTable(
    [
      'case',
      'limits',
      'answer',
      'analysis request, wall time',
      'GET /pools during it: p50 / p99 / max',
      'GET /pools idle before it: p50 / p99 / max',
      'server RSS before / peak sampled / high-water mark',
      'targets',
    ],
    runs.map(run => [
      run.case.title,
      run.limits,
      answerText(run),
      formatMs(run.post.endedAt - run.post.startedAt),
      latencyText(run.during),
      latencyText(run.idle),
      `${mb(run.rssBeforeMb)} / ${mb(run.peakRssMb)} / ${mb(run.highWaterMb)}`,
      verdicts(run) + (run.pollFailures.length ? `; GET /pools failures: ${run.pollFailures.join(', ')}` : ''),
    ]),
  );
}
