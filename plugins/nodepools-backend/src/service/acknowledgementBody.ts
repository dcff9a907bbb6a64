import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** An ISO date (`2026-12-31`, the end of that day UTC) or date-time with a zone. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Describes the first problem of a body as "Invalid field 'x' in the request body: ...". */
export function bodyError(error: z.ZodError, fields: string): InputError {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? ` of '${issue.path.join('.')}'` : '';
    return new InputError(`Unknown field '${issue.keys[0]}'${where} in the request body; expected ${fields}`);
  }
  return new InputError(`Invalid field '${issue.path.join('.') || 'body'}' in the request body: ${issue.message}`);
}

/**
 * Validates the body of an acknowledgement (of drift or of a governance
 * finding): a reason, and an optional end under `endField`, an ISO date
 * (the end of that day, UTC) or date-time that must lie in the future.
 * Errors name the field. The end comes back as an ISO date-time.
 */
export function parseAcknowledgementBody(
  body: unknown,
  now: Date,
  options: { endField: string; accepted: string },
): { reason: string; end?: string } {
  const { endField, accepted } = options;
  const required = `is required: say why this ${accepted} is accepted`;
  const schema = z
    .object({
      reason: z
        .string({ required_error: required, invalid_type_error: 'expected a string' })
        .trim()
        .min(1, required)
        .max(2000, 'must be at most 2000 characters'),
      [endField]: z
        .string({ invalid_type_error: 'expected an ISO date (2026-12-31) or date-time' })
        .refine(v => ISO_DATE.test(v) || ISO_DATE_TIME.test(v), 'expected an ISO date (2026-12-31) or date-time with a zone')
        .optional(),
    })
    .strict();
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw bodyError(result.error, `reason and ${endField}`);
  const reason = result.data.reason as string;
  const end = result.data[endField] as string | undefined;
  if (end === undefined) return { reason };
  const at = new Date(ISO_DATE.test(end) ? `${end}T23:59:59.999Z` : end);
  if (Number.isNaN(at.getTime())) {
    throw new InputError(`Invalid field '${endField}' in the request body: ${JSON.stringify(end)} is not a date`);
  }
  if (at.getTime() <= now.getTime()) {
    throw new InputError(`Invalid field '${endField}' in the request body: ${end} is not in the future`);
  }
  return { reason, end: at.toISOString() };
}
