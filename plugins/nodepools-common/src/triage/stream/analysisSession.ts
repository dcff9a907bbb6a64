import type { NodePool, PoolSpec } from '../../model/pool';
import { analyzeClusterInput, analyzePendingPods } from '../analyze';
import { TriageLimitError, type TriageLimits } from '../limits';
import type { PoolTriageSummary, TriageInput, TriageOptions, TriageReport } from '../types';
import { TriageBodyError, TriageBodyReader } from './bodyReader';
import { BodySyntaxError } from './bodySplitter';
import { reportBytes } from './reportEncoder';

/** What the side that owns an analysis sends to the thread that runs it. */
export type AnalysisRequest =
  /** Bytes of a request body, in order. */
  | { type: 'chunk'; bytes: Uint8Array }
  /** The body is complete: answered `read`. */
  | { type: 'end' }
  /** Analyze the body read, with these pools unless it had its own. */
  | { type: 'analyze'; cluster?: string; pools?: Array<PoolSpec | NodePool> }
  /** Analyze an input read elsewhere. */
  | { type: 'input'; input: TriageInput };

/** What a report is stored and listed with, without reading its JSON. */
export interface TriageReportSummary {
  pendingPods: number;
  signatures: number;
  skipped: number;
  pools: PoolTriageSummary[];
}

export type AnalysisReply =
  /** A chunk was read: the owner sends a bounded number ahead. */
  | { type: 'ack' }
  | { type: 'read'; cluster?: string; hasPools: boolean }
  /** The report as UTF-8 JSON. */
  | { type: 'done'; json: Uint8Array; summary: TriageReportSummary }
  | {
      type: 'error';
      /** `body`: a field or the JSON of the body; `limit`: past a limit; `internal`: anything else. */
      kind: 'body' | 'limit' | 'internal';
      message: string;
      limit?: TriageLimitError['limit'];
      amount?: number;
      max?: number;
    };

/** The thread's side of a message channel (a worker's `parentPort`). */
export interface AnalysisPort {
  postMessage(message: AnalysisReply, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: AnalysisRequest) => void): unknown;
}

export interface AnalysisSettings {
  limits: TriageLimits;
  options?: Omit<TriageOptions, 'limits' | 'catalog'>;
}

function errorReply(error: unknown): AnalysisReply {
  if (error instanceof TriageLimitError) {
    return { type: 'error', kind: 'limit', message: error.message, limit: error.limit, amount: error.amount, max: error.max };
  }
  if (error instanceof TriageBodyError || error instanceof BodySyntaxError || (error as Error)?.name === 'TriageInputError') {
    return { type: 'error', kind: 'body', message: (error as Error).message };
  }
  return { type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Serializes a report into UTF-8 JSON in the thread that made it: the
 * owner passes the bytes on without parsing or copying them.
 */
export function encodeReport(report: TriageReport): { json: Uint8Array; summary: TriageReportSummary } {
  const json = reportBytes(report);
  return {
    json,
    summary: {
      pendingPods: report.pods.length,
      signatures: report.signatures.length,
      skipped: report.skipped.length,
      pools: report.pools,
    },
  };
}

/**
 * Runs analyses sent over `port`, one message at a time: a body streamed
 * in chunks (read as it arrives, then analyzed with the pools the owner
 * looks up for the cluster it names), or a whole input. Every failure is
 * answered, never thrown.
 */
export function serveTriageAnalysis(port: AnalysisPort, settings: AnalysisSettings) {
  const options: TriageOptions = { ...settings.options, limits: settings.limits };
  let body: TriageBodyReader | undefined;
  let failed = false;
  const reply = (run: () => AnalysisReply | undefined) => {
    if (failed) return;
    try {
      const message = run();
      if (!message) return;
      port.postMessage(message, message.type === 'done' ? [message.json.buffer as ArrayBuffer] : undefined);
    } catch (error) {
      failed = true;
      port.postMessage(errorReply(error));
    }
  };
  port.on('message', request => {
    switch (request.type) {
      case 'chunk':
        reply(() => {
          body ??= new TriageBodyReader(settings.limits);
          body.write(request.bytes);
          return { type: 'ack' };
        });
        break;
      case 'end':
        reply(() => {
          body ??= new TriageBodyReader(settings.limits);
          body.end();
          return { type: 'read', cluster: body.cluster, hasPools: body.pools !== undefined };
        });
        break;
      case 'analyze':
        reply(() => {
          const read = body!;
          body = undefined;
          if (request.cluster !== undefined) read.cluster = request.cluster;
          const report = analyzeClusterInput(read.finish(request.pools), read.skipped, options);
          return { type: 'done', ...encodeReport(report) };
        });
        break;
      default:
        reply(() => ({ type: 'done', ...encodeReport(analyzePendingPods(request.input, options)) }));
    }
  });
}
