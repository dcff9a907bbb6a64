import { InputError } from '@backstage/errors';
import {
  COST_GROUP_BY,
  GOVERNANCE_EXPORT_KINDS,
  FINDING_STATES,
  GOVERNANCE_EXPORT_FORMATS,
  GOVERNANCE_RULES,
  GOVERNANCE_SEVERITIES,
  PROVIDERS,
  tryOwnerRef,
  type AcknowledgeFindingBody,
  type ConfirmReviewBody,
  type CostQuery,
  type GovernanceExportFormat,
  type GovernanceExportKind,
  type FindingQuery,
  type GovernancePoolQuery,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';
import { bodyError, parseAcknowledgementBody } from './acknowledgementBody';
import { multi, pageLimit, queryError } from './poolQueryParams';

const owner = multi(z.string().max(255));
const cluster = multi(z.string().max(512));
const provider = multi(z.enum(PROVIDERS));

const findingQuerySchema = z
  .object({
    rule: multi(z.enum(GOVERNANCE_RULES)),
    severity: multi(z.enum(GOVERNANCE_SEVERITIES)),
    owner,
    cluster,
    pool: multi(z.string().max(1024)),
    state: z.enum(FINDING_STATES),
    cursor: z.string().max(2048),
    limit: pageLimit,
  })
  .partial()
  .strict();

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, query: unknown): T {
  const result = schema.safeParse(query ?? {});
  if (!result.success) throw queryError(result.error);
  return result.data;
}

/** `GET /findings`; a bad parameter is a 400 naming it. */
export function parseFindingQuery(query: unknown): FindingQuery {
  return parse(findingQuerySchema, query);
}

/** The findings export: the listing's filters, without paging. */
export function parseFindingExportQuery(query: unknown): FindingQuery {
  return parse(findingQuerySchema.omit({ cursor: true, limit: true }), query);
}

const poolQuerySchema = z.object({ owner, cluster, provider }).partial().strict();

/** `GET /governance/pools` and the pools export. */
export function parseGovernancePoolQuery(query: unknown): GovernancePoolQuery {
  return parse(poolQuerySchema, query);
}

/** `GET /costs` and the costs export. */
export function parseCostQuery(query: unknown): CostQuery {
  return parse(poolQuerySchema.extend({ groupBy: z.enum(COST_GROUP_BY) }).partial().strict(), query);
}

/** `GET /upgrades?cluster=&owner=`. */
export function parseUpgradeQuery(query: unknown): Pick<GovernancePoolQuery, 'cluster' | 'owner'> {
  return parse(z.object({ cluster, owner }).partial().strict(), query);
}

const exportSchema = z.object({ kind: z.enum(GOVERNANCE_EXPORT_KINDS), format: z.enum(GOVERNANCE_EXPORT_FORMATS) });

/** `GET /export/:kind.:format`: a 400 naming the part of the path. */
export function parseExportPath(params: unknown): { kind: GovernanceExportKind; format: GovernanceExportFormat } {
  const result = exportSchema.safeParse(params);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(`Invalid export ${String(issue.path[0])}: ${issue.message}`);
  }
  return result.data;
}


/**
 * `POST /findings/:id/acknowledge`; `expiresAt` becomes an ISO date-time
 * (a date means the end of that day, UTC) that must lie in the future.
 */
export function parseAcknowledgeBody(body: unknown, now: Date): AcknowledgeFindingBody {
  const { reason, end } = parseAcknowledgementBody(body, now, { endField: 'expiresAt', accepted: 'finding' });
  return end === undefined ? { reason } : { reason, expiresAt: end };
}

const MAX_CONFIRMED_POOLS = 1000;

const confirmSchema = z
  .object({
    pools: z
      .array(
        z.discriminatedUnion(
          'action',
          [
            z.object({ ref: z.string().min(1, 'must not be empty').max(1024), action: z.literal('confirm') }).strict(),
            z
              .object({
                ref: z.string().min(1, 'must not be empty').max(1024),
                action: z.literal('hand-over'),
                handTo: z
                  .string({ required_error: 'is required: the group the pool goes to', invalid_type_error: 'expected an entity ref' })
                  .max(255)
                  .refine(v => tryOwnerRef(v) !== undefined, 'expected an entity ref (group:default/team-a)'),
              })
              .strict(),
          ],
          { errorMap: () => ({ message: "expected 'confirm' or 'hand-over'" }) },
        ),
        { required_error: 'is required: the pools to confirm or hand over', invalid_type_error: 'expected an array' },
      )
      .min(1, 'must name at least one pool')
      .max(MAX_CONFIRMED_POOLS, `must name at most ${MAX_CONFIRMED_POOLS} pools`),
  })
  .strict();

/** `POST /owners/:ref/review/confirm`; a hand-over's new owner comes back as a normalized entity ref. */
export function parseConfirmBody(body: unknown): ConfirmReviewBody {
  const result = confirmSchema.safeParse(body ?? {});
  if (!result.success) throw bodyError(result.error, 'pools');
  const seen = new Set<string>();
  for (const [index, pool] of result.data.pools.entries()) {
    if (seen.has(pool.ref)) {
      throw new InputError(`Invalid field 'pools.${index}.ref' in the request body: ${pool.ref} is named twice`);
    }
    seen.add(pool.ref);
  }
  return {
    pools: result.data.pools.map(pool =>
      pool.action === 'hand-over' ? { ...pool, handTo: tryOwnerRef(pool.handTo)! } : pool,
    ),
  };
}

/** An owner's entity ref in a path (`group:default/team-a`, or a bare group name). */
export function parseOwnerParam(value: string): string {
  const ref = tryOwnerRef(value);
  if (!ref) throw new InputError(`Invalid owner '${value}' in the path: expected an entity ref (group:default/team-a)`);
  return ref;
}
