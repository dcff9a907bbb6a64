import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { PoolQuery } from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from './backend';
import { median } from './stats';

export interface QueryProfile {
  /** Median time of one listing assembled from the database (no page cache). */
  listMs: number;
  /** Median time of each SQL statement it ran, by a short label. */
  statements: Array<{ label: string; ms: number; sql: string }>;
  /** Size of the answer's JSON. */
  jsonBytes: number;
}

function label(sql: string): string {
  if (/nodepools_listing_version/.test(sql)) return 'tag';
  return /\bcount\(/i.test(sql) ? 'count query' : 'page query';
}

/**
 * Where one `GET /pools` spends its time in the store without concurrency
 * and without the page cache: its SQL statements (timed from knex's query
 * events) and, the rest, assembling the page from the stored list documents.
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
  let jsonBytes = 0;
  try {
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      const listed = await store.listPoolsJson(query);
      listMs.push(performance.now() - start);
      if (!listed.notModified) jsonBytes = Buffer.byteLength(listed.json);
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
    jsonBytes,
  };
}
