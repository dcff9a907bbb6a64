import {
  DRIFT_CAUSES,
  DRIFT_SEVERITIES,
  DRIFT_STATES,
  type DriftAcknowledgeRequest,
  type DriftQuery,
  type DriftState,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';
import { parseAcknowledgementBody } from './acknowledgementBody';
import { multi, pageLimit, queryError } from './poolQueryParams';

const driftQuerySchema = z
  .object({
    cluster: multi(z.string().max(512)),
    owner: multi(z.string().max(255)),
    severity: multi(z.enum(DRIFT_SEVERITIES)),
    state: multi(z.enum(DRIFT_STATES)),
    cause: multi(z.enum(DRIFT_CAUSES)),
    cursor: z.string().max(2048),
    limit: pageLimit,
  })
  .partial()
  .strict();

/** Validates `GET /drift` query strings; a bad one is a 400 naming the parameter. */
export function parseDriftQuery(query: unknown): DriftQuery {
  const result = driftQuerySchema.safeParse(query);
  if (!result.success) throw queryError(result.error);
  return result.data;
}

const stateOnly = z.object({ state: multi(z.enum(DRIFT_STATES)) }).partial().strict();

/** `GET /pools/:ref/drift?state=`: default open and acknowledged. */
export function parseStateQuery(query: unknown): DriftState[] | undefined {
  const result = stateOnly.safeParse(query);
  if (!result.success) throw queryError(result.error);
  return result.data.state?.length ? result.data.state : undefined;
}

const daysOnly = z
  .object({ days: z.coerce.number({ invalid_type_error: 'expected a whole number from 1 to 366' }).int('expected a whole number from 1 to 366').min(1, 'expected a whole number from 1 to 366').max(366, 'expected a whole number from 1 to 366') })
  .partial()
  .strict();

/** `GET /drift/summary?days=`: how many days of counts over time (default 30). */
export function parseDays(query: unknown): number {
  const result = daysOnly.safeParse(query);
  if (!result.success) throw queryError(result.error);
  return result.data.days ?? 30;
}

/**
 * Validates an acknowledgement; `until` becomes an ISO date-time (a date
 * means the end of that day, UTC) that must lie in the future. Errors
 * name the field.
 */
export function parseAcknowledgement(body: unknown, now: Date): DriftAcknowledgeRequest {
  const { reason, end } = parseAcknowledgementBody(body, now, { endField: 'until', accepted: 'drift' });
  return end === undefined ? { reason } : { reason, until: end };
}
