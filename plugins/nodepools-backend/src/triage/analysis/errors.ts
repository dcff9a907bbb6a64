import { CustomErrorBase } from '@backstage/errors';
import type { TriageLimitName } from '@nodepools/plugin-nodepools-common';
import { LIMIT_KEYS } from './limits';

/**
 * An analysis refused or stopped to protect the backend: 413 past a size
 * limit, 429 when the backend runs as many analyses as it may, 503 past
 * the time or memory budget. The message names the limit and its key.
 */
export class TriageRefusedError extends CustomErrorBase {
  constructor(
    message: string,
    readonly statusCode: 413 | 429 | 503,
    /** For 429: when to try again, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'TriageRefusedError';
  }
}

const COUNTED: Record<TriageLimitName, string> = {
  maxPods: 'pods',
  maxNodes: 'nodes',
  maxWork: 'signatures x pools',
};

const number = (value: number) => value.toLocaleString('en-US');

export function overLimit(limit: TriageLimitName, max: number): TriageRefusedError {
  return new TriageRefusedError(
    `The triage input has more than ${number(max)} ${COUNTED[limit]}: the limit is ${LIMIT_KEYS[limit]} (${number(max)})`,
    413,
  );
}

export function bodyTooLarge(max: number): TriageRefusedError {
  return new TriageRefusedError(
    `The request body is larger than ${number(max)} bytes: the limit is ${LIMIT_KEYS.maxBodySize} (${number(max)} bytes)`,
    413,
  );
}

export function tooManyAnalyses(max: number, retryAfterSeconds: number): TriageRefusedError {
  return new TriageRefusedError(
    `The backend is running ${number(max)} triage ${max === 1 ? 'analysis' : 'analyses'} already: the limit is ${LIMIT_KEYS.maxConcurrent} (${number(max)}); try again later`,
    429,
    retryAfterSeconds,
  );
}

export function overTimeBudget(ms: number): TriageRefusedError {
  return new TriageRefusedError(
    `The triage analysis was stopped after ${number(ms)} ms: the limit is ${LIMIT_KEYS.timeBudget}`,
    503,
  );
}

export function overMemory(mb: number): TriageRefusedError {
  return new TriageRefusedError(
    `The triage analysis was stopped when it needed more than ${number(mb)} MB: the limit is ${LIMIT_KEYS.workerMemory}`,
    503,
  );
}
