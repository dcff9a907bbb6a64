import { z } from 'zod';
import { parseClusterRef } from '../model/cluster';
import { tryOwnerRef } from '../model/owner';
import { ARCHITECTURES, CAPACITY_TYPES, OPERATING_SYSTEMS, POOL_MODES, TAINT_EFFECTS } from '../model/pool';
import { KIND_SPECIFIC_FIELDS, REQUEST_KIND_PROFILES, REQUEST_KINDS } from './kinds';
import { REQUEST_STATES } from './stateMachine';
import type { PoolRequestSpec } from './types';

/*
 * Bodies and queries of the request API. Every problem is reported with
 * the path of the field it is in (`spec.autoscaling.max`), so a form can
 * put the message next to the field.
 */

/** A body or query the API refuses; `field` is the dotted path of the offending field. */
export class RequestBodyError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`Invalid field '${field}': ${message}`);
    this.name = 'InputError';
    this.field = field;
  }
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** Kubernetes label and taint keys: an optional DNS subdomain prefix and a name. */
const LABEL_KEY = new RegExp(`^(${DNS_LABEL}(\\.${DNS_LABEL})*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`);
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const labelKey = z
  .string()
  .max(316, 'must be at most 316 characters')
  .regex(LABEL_KEY, 'must be a Kubernetes label key: an optional DNS prefix and "/", then letters, digits, "-", "_" or "."');
const labelValue = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(LABEL_VALUE, 'must be a Kubernetes label value: letters, digits, "-", "_" or ".", starting and ending with a letter or digit');

const count = (what: string) =>
  z.number({ invalid_type_error: `must be a number of ${what}` }).int('must be a whole number').min(0, 'must be 0 or more').max(10000, 'must be at most 10000');

const token = (what: string, max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).regex(TOKEN, `must be ${what}: letters, digits, "-", "_" or ".", starting with a letter or digit`);

/** An owner as an entity ref; text that is none is an issue of the field, never an exception. */
function ownerRefOf(value: string, ctx: z.RefinementCtx): string {
  const ref = tryOwnerRef(value);
  if (ref) return ref;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a catalog group ref such as group:default/payments' });
  return z.NEVER;
}

const specObject = z
  .object({
    kind: z.enum(REQUEST_KINDS),
    cluster: z
      .string()
      .min(1, 'must not be empty')
      .max(512, 'must be at most 512 characters')
      .superRefine((value, ctx) => {
        try {
          parseClusterRef(value);
        } catch (error) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        }
      }),
    name: token('a pool name', 63),
    machineTypes: z.array(token('a machine type', 64)).min(1, 'must name at least one machine type'),
    nodeCount: count('nodes').optional(),
    autoscaling: z
      .object({ min: count('nodes'), max: count('nodes').min(1, 'must be 1 or more') })
      .strict()
      .optional(),
    capacityType: z.enum(CAPACITY_TYPES).default('on-demand'),
    os: z.enum(OPERATING_SYSTEMS).default('linux'),
    arch: z.enum(ARCHITECTURES).optional(),
    labels: z.record(labelKey, labelValue).default({}),
    taints: z
      .array(z.object({ key: labelKey, value: labelValue.optional(), effect: z.enum(TAINT_EFFECTS) }).strict())
      .max(50, 'must be at most 50 taints')
      .default([]),
    zones: z.array(token('a zone', 64)).max(20, 'must be at most 20 zones').default([]),
    mode: z.enum(POOL_MODES).optional(),
    maxPodsPerNode: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be at most 1000').optional(),
    diskSizeGb: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(65536, 'must be at most 65536').optional(),
    resourceGroup: z.string().min(1, 'must not be empty').max(90, 'must be at most 90 characters').regex(/^[-\w.()]+$/, 'must be an Azure resource group name').optional(),
    nodeClass: token('a node class name', 253).optional(),
    owner: z
      .string()
      .min(1, 'must name a catalog group')
      .max(253, 'must be at most 253 characters')
      .transform(ownerRefOf)
      .refine(ref => /^group:[a-z0-9_.-]+\/[a-z0-9_.-]+$/.test(ref), 'must be a catalog group ref such as group:default/payments'),
    justification: z.string().trim().min(1, 'must say why the pool is needed').max(4000, 'must be at most 4000 characters'),
  })
  .strict();

/** The request spec, with the rules of its kind applied. */
export const poolRequestSpecSchema = specObject.superRefine((spec, ctx) => {
  const profile = REQUEST_KIND_PROFILES[spec.kind];
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: path.split('.'), message });
  for (const field of KIND_SPECIFIC_FIELDS) {
    if (spec[field] === undefined || profile.fields.includes(field)) continue;
    if (field === 'zones' && spec.zones.length === 0) continue;
    issue(field, `is not a setting of a ${profile.title}`);
  }
  if (spec.machineTypes.length > profile.machineTypes.max) {
    issue('machineTypes', `a ${profile.title} takes ${profile.machineTypes.max === 1 ? 'one machine type' : `at most ${profile.machineTypes.max} machine types`}`);
  }
  if (new Set(spec.machineTypes).size !== spec.machineTypes.length) issue('machineTypes', 'names a machine type twice');
  if (!profile.capacityTypes.includes(spec.capacityType)) {
    issue('capacityType', `a ${profile.title} takes ${profile.capacityTypes.join(' or ')}`);
  }
  if (spec.os === 'windows' && !profile.windows) issue('os', `a ${profile.title} runs Linux nodes only`);
  if (!profile.fixedCount) {
    if (spec.nodeCount !== undefined) issue('nodeCount', `a ${profile.title} has no node count: set autoscaling.max, its node limit`);
    if (!spec.autoscaling) issue('autoscaling', `is required: a ${profile.title} is bounded by autoscaling.max`);
    else if (spec.autoscaling.min !== 0) issue('autoscaling.min', `must be 0: a ${profile.title} has no minimum`);
  } else if (spec.nodeCount === undefined && !spec.autoscaling) {
    issue('nodeCount', 'is required unless autoscaling sets a range');
  }
  if (profile.zonesRequired && !spec.zones.length) issue('zones', `is required: a ${profile.title} counts nodes per zone`);
  if (new Set(spec.zones).size !== spec.zones.length) issue('zones', 'names a zone twice');
  const taintKeys = spec.taints.map(t => `${t.key}:${t.effect}`);
  if (new Set(taintKeys).size !== taintKeys.length) issue('taints', 'holds the same key and effect twice');
  try {
    const cluster = parseClusterRef(spec.cluster);
    if (!profile.clusterProviders.includes(cluster.provider)) {
      issue('cluster', `a ${profile.title} goes in a cluster of ${profile.clusterProviders.join(', ')}, not ${cluster.provider}`);
    }
  } catch {
    // Reported by the field's own check.
  }
});

const comment = z.string().max(4000, 'must be at most 4000 characters').optional();
const version = z.number({ required_error: 'is required: the version the change was made on' }).int('must be a whole number').min(1, 'must be 1 or more');

export const createRequestBodySchema = z
  .object({ spec: poolRequestSpecSchema, submit: z.boolean().optional(), comment })
  .strict();
export const updateRequestBodySchema = z.object({ spec: poolRequestSpecSchema, version, comment }).strict();
export const transitionBodySchema = z.object({ version, comment }).strict();
export const validateRequestBodySchema = z
  .object({ spec: poolRequestSpecSchema, requestId: z.string().uuid('must be a request id').optional() })
  .strict();

export const REQUEST_VIEWS = ['mine', 'to-approve', 'all'] as const;
export type RequestView = (typeof REQUEST_VIEWS)[number];

const list = <T extends [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform(text => text.split(',').map(s => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const requestListQuerySchema = z
  .object({
    view: z.enum(REQUEST_VIEWS).default('all'),
    state: list([...REQUEST_STATES]).optional(),
    kind: list([...REQUEST_KINDS]).optional(),
    cluster: z.string().min(1).max(512).optional(),
    owner: z.string().min(1).max(253).transform(ownerRefOf).optional(),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(500, 'must be at most 500').default(50),
    offset: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000).default(0),
  })
  .strict();

export type CreateRequestBody = z.input<typeof createRequestBodySchema>;
export type UpdateRequestBody = z.input<typeof updateRequestBodySchema>;
export type TransitionBody = z.input<typeof transitionBodySchema>;
export type ValidateRequestBody = z.input<typeof validateRequestBodySchema>;
export type RequestListQuery = z.input<typeof requestListQuerySchema>;
export type ParsedRequestListQuery = z.output<typeof requestListQuerySchema>;
/** A spec as a client may send it: defaults (capacity type, OS, empty labels...) may be left out. */
export type PoolRequestSpecInput = z.input<typeof poolRequestSpecSchema>;

function fieldOf(issue: z.ZodIssue, prefix: string): string {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const dotted = path.map(String).join('.');
  return [prefix, dotted].filter(Boolean).join('.') || 'body';
}

function messageOf(issue: z.ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return 'is not a known field';
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'is required';
  if (issue.code === 'invalid_enum_value') return `must be one of ${issue.options.join(', ')}`;
  return issue.message;
}

/**
 * Parses a body or query; throws RequestBodyError naming the first
 * offending field (under `prefix`, e.g. `query` for query parameters).
 */
export function parseWith<S extends z.ZodTypeAny>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RequestBodyError(fieldOf(issue, prefix), messageOf(issue));
}

/** A spec from a client, with defaults filled in; throws RequestBodyError. */
export function parsePoolRequestSpec(input: unknown, prefix = 'spec'): PoolRequestSpec {
  return parseWith(poolRequestSpecSchema, input, prefix) as PoolRequestSpec;
}
