import type { NodePool, PoolSpec } from '../../model/pool';
import type { ClusterInput } from '../cluster';
import { TRIAGE_LISTS, TriageInputReader, isTriageListField } from '../input';
import { checkLimit, type TriageLimits } from '../limits';
import { describe, isObject } from '../read/fields';
import type { SkippedItem } from '../types';
import { BodySplitter } from './bodySplitter';

/** The fields of a `POST /triage/analyze` body. */
export const TRIAGE_BODY_FIELDS = ['cluster', ...Object.keys(TRIAGE_LISTS), 'pools'] as const;

/** A body field that cannot be used; the message names it. */
export class TriageBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriageBodyError';
  }
}

function invalid(field: string, message: string): TriageBodyError {
  const hint = isTriageListField(field) ? ` (the JSON of kubectl get ${TRIAGE_LISTS[field].list} -o json)` : '';
  return new TriageBodyError(`Invalid field '${field}' in the request body: ${message}${hint}`);
}

/**
 * Reads a triage request body as its bytes arrive: the kubectl lists item
 * by item into the records a triage keeps (`TriageInputReader`), the
 * cluster and pools whole. Counts pods and nodes against the limits as
 * they come, so an input past them is refused before it is all read.
 */
export class TriageBodyReader {
  readonly skipped: SkippedItem[] = [];
  cluster?: string;
  pools?: Array<PoolSpec | NodePool>;
  private readonly input = new TriageInputReader(this.skipped);
  private readonly splitter: BodySplitter;
  private pods = 0;
  private nodes = 0;

  constructor(private readonly limits: TriageLimits = {}) {
    this.splitter = new BodySplitter(new Set(Object.keys(TRIAGE_LISTS)), {
      list: field => {
        if (!isTriageListField(field)) throw this.unknown(field);
        this.input.list(field, []);
      },
      item: (field, item, index) => this.item(field, item, index),
      value: (field, value) => this.value(field, value),
    });
  }

  write(chunk: Uint8Array) {
    this.splitter.write(chunk);
  }

  /** The body is complete: pods and nodes must have been given. */
  end() {
    this.splitter.end();
    const [missing] = this.input.missing();
    if (missing) throw invalid(missing, 'is required');
  }

  /** What was read, with the pools to judge it against (the body's own, else the inventory's). */
  finish(pools?: ReadonlyArray<PoolSpec | NodePool>): ClusterInput {
    return this.input.finish(this.cluster, this.pools ?? pools);
  }

  private count(field: string) {
    if (field === 'pods') checkLimit(this.limits, 'maxPods', ++this.pods, 'pods');
    else if (field === 'nodes') checkLimit(this.limits, 'maxNodes', ++this.nodes, 'nodes');
  }

  private item(field: string, item: unknown, index: number) {
    if (!isTriageListField(field)) throw this.unknown(field);
    this.count(field);
    this.input.item(field, item, index);
  }

  private value(field: string, value: unknown) {
    if (field === 'cluster') {
      if (typeof value !== 'string' || value.length < 1 || value.length > 512) {
        throw invalid(field, `must be a cluster ref or name of 1 to 512 characters, got ${describe(value)}`);
      }
      this.cluster = value;
    } else if (field === 'pools') {
      if (!Array.isArray(value) || !value.every(isObject)) throw invalid(field, `must be a list of pools, got ${describe(value)}`);
      this.pools = value as unknown as Array<PoolSpec | NodePool>;
    } else if (isTriageListField(field)) {
      if (typeof value !== 'object' || value === null) throw invalid(field, `must be an object or a list, got ${describe(value)}`);
      let items: unknown[] = [value];
      if (Array.isArray(value)) items = value;
      else if (isObject(value) && Array.isArray(value.items)) items = value.items;
      for (let i = 0; i < items.length; i++) this.count(field);
      try {
        this.input.list(field, value);
      } catch (error) {
        throw invalid(field, (error as Error).message);
      }
    } else {
      throw this.unknown(field);
    }
  }

  private unknown(field: string): TriageBodyError {
    return new TriageBodyError(`Unknown field '${field}' in the request body; expected ${TRIAGE_BODY_FIELDS.join(', ')}`);
  }
}
