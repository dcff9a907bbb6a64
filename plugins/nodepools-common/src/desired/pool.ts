import { poolRef } from '../model/pool';
import {
  DESIRED_FIELDS,
  type DeclaredAttributes,
  type DesiredContext,
  type DesiredFormat,
  type DesiredPool,
} from './types';

/** A pool as a reader builds it, before the context and the ref are applied. */
export type PoolDraft = Omit<DesiredPool, 'ref' | 'format' | 'source'>;

/** The parts of a pool's ref a file may leave out. */
export interface Identity {
  account?: string;
  region?: string;
  cluster?: string;
}

/**
 * The identity after the context: by default what the file says wins and
 * the context fills the gaps; with `override` the context wins.
 */
export function applyContext<T extends Identity>(identity: T, ctx: DesiredContext): T & Identity {
  const pick = (own: string | undefined, given: string | undefined) =>
    ctx.override ? given || own : own || given;
  return {
    ...identity,
    account: pick(identity.account, ctx.account),
    region: pick(identity.region, ctx.region),
    cluster: pick(identity.cluster, ctx.cluster),
  };
}

function definedOnly<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

/** What follows a pool's identity and origin, in output order. */
const TRAILING = ['perZone', 'autoUpgrade', 'target'] as const;

/**
 * Ends a reader's work on one pool: the context applied, the ref computed,
 * and every field the source does not set left out (with its entry in
 * `declared`), so that absent always means "the provider's default".
 * Fields are copied one by one: a reader of a large state calls this for
 * every pool.
 */
export function finishPool(
  draft: PoolDraft,
  format: DesiredFormat,
  ctx: DesiredContext,
): DesiredPool {
  const own = (value: string | undefined, given: string | undefined) =>
    ctx.override ? given || value : value || given;
  const account = own(draft.account, ctx.account);
  const region = own(draft.region, ctx.region);
  // A pool whose cluster is named nowhere is recorded under its cluster's id.
  const cluster = own(draft.cluster, ctx.cluster) || draft.target?.clusterId || '';
  const pool: Record<string, unknown> = { provider: draft.provider };
  if (account) pool.account = account;
  if (region) pool.region = region;
  pool.cluster = cluster;
  pool.name = draft.name;
  pool.ref = poolRef({ provider: draft.provider, account, region, cluster, name: draft.name });
  pool.format = format;
  pool.source = ctx.source ?? '';
  pool.address = draft.address;
  pool.resourceType = draft.resourceType;
  const declared: DeclaredAttributes = {};
  for (const field of DESIRED_FIELDS) {
    const value = draft[field];
    const path = draft.declared[field];
    if (value !== undefined) pool[field] = value;
    const perZone = field === 'nodeCount' && draft.perZone?.nodeCount !== undefined;
    if (path !== undefined && (value !== undefined || perZone)) declared[field] = path;
  }
  for (const key of TRAILING) {
    const value = draft[key];
    if (value !== undefined) pool[key] = typeof value === 'object' ? definedOnly(value) : value;
  }
  pool.declared = declared;
  return pool as unknown as DesiredPool;
}
