import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { PoolQuery } from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from './backend';
import { median } from './stats';

export interface QueryProfile {
  /** Median `listPools` time, one call at a time. */
  listMs: number;
  /** Median time of each SQL statement `listPools` ran, by a short label. */
  statements: Array<{ label: string; ms: number; sql: string }>;
  /** Median JSON serialization time of the answer, and its size. */
  jsonMs: number;
  jsonBytes: number;
}

function label(sql: string): string {
  return /\bcount\(/i.test(sql) ? 'count query' : 'page query';
}

/**
 * Where one `GET /pools` spends its time without concurrency: the store's
 * SQL statements (timed from knex's query events), the rest of `listPools`
 * (row mapping), and serializing the answer.
 */
export async function profileListPools(
  knex: Knex,
  store: PoolStore,
  query: PoolQuery,
  iterations: number,
): Promise<QueryProfile> {
  const started = new Map<string, number>();
  const statements = new Map<string, { sql: string; ms: number[] }>();
  const onQuery = (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now());
  const onResponse = (_response: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const start = started.get(q.__knexQueryUid);
    if (start === undefined) return;
    started.delete(q.__knexQueryUid);
    const key = label(q.sql);
    const entry = statements.get(key) ?? { sql: q.sql, ms: [] };
    entry.ms.push(performance.now() - start);
    statements.set(key, entry);
  };
  knex.on('query', onQuery).on('query-response', onResponse);
  const listMs: number[] = [];
  const jsonMs: number[] = [];
  let jsonBytes = 0;
  try {
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      const page = await store.listPools(query);
      const listed = performance.now();
      const body = JSON.stringify(page);
      jsonMs.push(performance.now() - listed);
      listMs.push(listed - start);
      jsonBytes = Buffer.byteLength(body);
    }
  } finally {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-response', onResponse);
  }
  return {
    listMs: median(listMs),
    statements: [...statements].map(([key, entry]) => ({
      label: key,
      ms: median(entry.ms),
      sql: entry.sql,
    })),
    jsonMs: median(jsonMs),
    jsonBytes,
  };
}
