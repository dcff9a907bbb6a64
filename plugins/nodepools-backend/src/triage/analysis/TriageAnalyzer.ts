import { Worker } from 'node:worker_threads';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  AnalysisReply,
  AnalysisRequest,
  AnalysisSettings,
  NodePool,
  PoolSpec,
  TriageInput,
  TriageReportSummary,
} from '@nodepools/plugin-nodepools-common';
import {
  bodyTooLarge,
  overLimit,
  overMemory,
  overTimeBudget,
  tooManyAnalyses,
} from './errors';
import type { TriageAnalysisLimits } from './limits';

/** A report as its thread wrote it: UTF-8 JSON, passed on without parsing. */
export interface SerializedTriageReport {
  json: Uint8Array;
  summary: TriageReportSummary;
}

/** Chunks of a body sent ahead of the thread's reading: bounds what waits in its queue. */
const CHUNKS_AHEAD = 16;

/** What the pools of a streamed body are, once its cluster is known. */
export type PoolLookup = (read: {
  cluster?: string;
  hasPools: boolean;
}) => Promise<{ cluster?: string; pools?: Array<PoolSpec | NodePool> }>;

export const TRIAGE_WORKER_PATH = resolvePackagePath(
  '@nodepools/plugin-nodepools-backend',
  'worker/triageWorker.js',
);

/** One analysis in its own thread: replies in order, and the end of the thread as an error. */
class AnalysisThread {
  private readonly worker: Worker;
  private readonly replies: AnalysisReply[] = [];
  private waiting?: { resolve(reply: AnalysisReply): void; reject(error: unknown): void };
  private failure?: unknown;
  private readonly timer: NodeJS.Timeout;

  constructor(
    workerPath: string,
    settings: AnalysisSettings,
    limits: TriageAnalysisLimits,
  ) {
    this.worker = new Worker(workerPath, {
      workerData: settings,
      resourceLimits: { maxOldGenerationSizeMb: limits.workerMemoryMb },
    });
    this.worker.on('message', (reply: AnalysisReply) => {
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(reply);
      } else this.replies.push(reply);
    });
    this.worker.on('error', error => {
      const code = (error as { code?: string }).code;
      this.fail(code === 'ERR_WORKER_OUT_OF_MEMORY' ? overMemory(limits.workerMemoryMb) : error);
    });
    this.worker.on('exit', () => this.fail(new Error('the triage thread ended before it answered')));
    this.timer = setTimeout(() => this.fail(overTimeBudget(limits.timeBudgetMs)), limits.timeBudgetMs);
  }

  private fail(error: unknown) {
    if (this.failure) return;
    this.failure = error;
    clearTimeout(this.timer);
    void this.worker.terminate();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(error);
    }
  }

  send(request: AnalysisRequest) {
    if (this.failure) throw this.failure;
    const transfer = request.type === 'chunk' ? [request.bytes.buffer as ArrayBuffer] : [];
    this.worker.postMessage(request, transfer);
  }

  /** The next reply; errors of the analysis are thrown as the HTTP errors that name them. */
  async next(): Promise<Exclude<AnalysisReply, { type: 'error' }>> {
    let reply = this.replies.shift();
    if (!reply) {
      if (this.failure) throw this.failure;
      reply = await new Promise<AnalysisReply>((resolve, reject) => {
        this.waiting = { resolve, reject };
      });
    }
    if (reply.type !== 'error') return reply;
    if (reply.kind === 'limit' && reply.limit && reply.max !== undefined) throw overLimit(reply.limit, reply.max);
    if (reply.kind === 'body') throw new InputError(reply.message);
    throw new Error(`The triage analysis failed: ${reply.message}`);
  }

  /** Ends the thread: after the answer, or when the caller gives up. */
  close() {
    if (!this.failure) this.failure = new Error('the triage analysis was closed');
    clearTimeout(this.timer);
    void this.worker.terminate();
  }

  async expect<T extends AnalysisReply['type']>(type: T): Promise<Extract<AnalysisReply, { type: T }>> {
    const reply = await this.next();
    if (reply.type !== type) throw new Error(`The triage thread answered ${reply.type} where ${type} was expected`);
    return reply as Extract<AnalysisReply, { type: T }>;
  }
}

/**
 * Runs triage analyses off the event loop, each in a thread of its own
 * with a time and memory budget, at most `maxConcurrent` at a time. A
 * request body is streamed into its thread as it arrives and counted
 * against the size limit; what the thread answers is the report's JSON.
 */
export class TriageAnalyzer {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    readonly limits: TriageAnalysisLimits,
    private readonly options: AnalysisSettings['options'] = {},
    private readonly workerPath = TRIAGE_WORKER_PATH,
  ) {}

  private settings(): AnalysisSettings {
    const { maxPods, maxNodes, maxWork, maxExplained } = this.limits;
    return { limits: { maxPods, maxNodes, maxWork, maxExplained }, options: this.options };
  }

  /** Takes a slot now, or answers 429 with when to try again. */
  private tryAcquire() {
    if (this.running >= this.limits.maxConcurrent) {
      throw tooManyAnalyses(this.limits.maxConcurrent, Math.max(1, Math.ceil(this.limits.timeBudgetMs / 4000)));
    }
    this.running++;
  }

  /** Waits for a slot: scheduled collections queue behind requests. */
  private async acquire() {
    while (this.running >= this.limits.maxConcurrent) {
      await new Promise<void>(resolve => this.queue.push(resolve));
    }
    this.running++;
  }

  private release() {
    this.running--;
    this.queue.shift()?.();
  }

  /**
   * Analyzes a request body (`POST /triage/analyze`) as it streams in.
   * `declaredLength` (Content-Length) past the size limit is refused before
   * anything is read.
   */
  async analyzeBody(
    body: AsyncIterable<Uint8Array>,
    declaredLength: number | undefined,
    lookupPools: PoolLookup,
  ): Promise<SerializedTriageReport> {
    if (declaredLength !== undefined && declaredLength > this.limits.maxBodySize) {
      throw bodyTooLarge(this.limits.maxBodySize);
    }
    this.tryAcquire();
    const thread = new AnalysisThread(this.workerPath, this.settings(), this.limits);
    try {
      let size = 0;
      let ahead = 0;
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (size > this.limits.maxBodySize) throw bodyTooLarge(this.limits.maxBodySize);
        // A copy of its own: a request's chunks may share a pooled buffer.
        thread.send({ type: 'chunk', bytes: new Uint8Array(chunk) });
        if (++ahead >= CHUNKS_AHEAD) {
          await thread.expect('ack');
          ahead--;
        }
      }
      for (; ahead > 0; ahead--) await thread.expect('ack');
      thread.send({ type: 'end' });
      const read = await thread.expect('read');
      const { cluster, pools } = await lookupPools(read);
      thread.send({ type: 'analyze', cluster, pools });
      const done = await thread.expect('done');
      return { json: done.json, summary: done.summary };
    } finally {
      thread.close();
      this.release();
    }
  }

  /** Analyzes an input read elsewhere (a scheduled collection); waits for a slot. */
  async analyzeInput(input: TriageInput): Promise<SerializedTriageReport> {
    await this.acquire();
    const thread = new AnalysisThread(this.workerPath, this.settings(), this.limits);
    try {
      thread.send({ type: 'input', input });
      const done = await thread.expect('done');
      return { json: done.json, summary: done.summary };
    } finally {
      thread.close();
      this.release();
    }
  }
}
