import { InputError } from '@backstage/errors';
import {
  CAPACITY_TYPES,
  MAX_PAGE_SIZE,
  POOL_MODES,
  POOL_SORT_FIELDS,
  PROVIDERS,
  PoolQuery,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';

/** A repeated (`?a=1&a=2`) or comma-separated (`?a=1,2`) query parameter. */
export function multi<T extends z.ZodTypeAny>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
}

const LIMIT_MESSAGE = `expected a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** The `limit` of a paged listing: a whole number from 1 to MAX_PAGE_SIZE. */
export const pageLimit = z.coerce
  .number({ invalid_type_error: LIMIT_MESSAGE })
  .int(LIMIT_MESSAGE)
  .min(1, LIMIT_MESSAGE)
  .max(MAX_PAGE_SIZE, LIMIT_MESSAGE);

const poolQuerySchema = z
  .object({
    provider: multi(z.enum(PROVIDERS)),
    cluster: multi(z.string().max(255)),
    region: multi(z.string().max(64)),
    owner: multi(z.string().max(255)),
    mode: multi(z.enum(POOL_MODES)),
    capacityType: multi(z.enum(CAPACITY_TYPES)),
    q: z.string().max(200),
    sort: z.enum(POOL_SORT_FIELDS),
    order: z.enum(['asc', 'desc']),
    cursor: z.string().max(2048),
    limit: pageLimit,
    includeTombstoned: z.enum(['true', 'false']).transform(v => v === 'true'),
  })
  .partial()
  .strict();

/** Describes the first problem of a zod error as "Invalid query parameter 'x': ...". */
export function queryError(error: z.ZodError): InputError {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    return new InputError(
      `Unknown query parameter '${issue.keys[0]}'`,
    );
  }
  const param = String(issue.path[0] ?? '');
  return new InputError(`Invalid query parameter '${param}': ${issue.message}`);
}

/** Validates `GET /pools` query strings; a bad one is a 400 naming the parameter. */
export function parsePoolQuery(query: unknown): PoolQuery {
  const result = poolQuerySchema.safeParse(query);
  if (!result.success) throw queryError(result.error);
  return result.data;
}
