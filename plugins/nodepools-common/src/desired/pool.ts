import { poolRef } from '../model/pool';
import type {
  DeclaredAttributes,
  DesiredContext,
  DesiredField,
  DesiredFormat,
  DesiredPool,
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
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Ends a reader's work on one pool: the context applied, the ref computed,
 * and every field the source does not set left out (with its entry in
 * `declared`), so that absent always means "the provider's default".
 */
export function finishPool(
  draft: PoolDraft,
  format: DesiredFormat,
  ctx: DesiredContext,
): DesiredPool {
  const identity = applyContext(draft, ctx);
  const { declared: paths, ...rest } = identity;
  const head = {
    provider: rest.provider,
    account: rest.account,
    region: rest.region,
    // A pool whose cluster is named nowhere is recorded under its cluster's id.
    cluster: rest.cluster || rest.target?.clusterId || '',
    name: rest.name,
  };
  // Identity first, then where it was read, then the declared fields.
  const ordered: Record<string, unknown> = { ...head, ref: poolRef(head), format, source: ctx.source ?? '' };
  for (const [key, value] of Object.entries(rest)) if (!(key in ordered)) ordered[key] = value;
  const pool = definedOnly(ordered) as unknown as DesiredPool;
  const declared: DeclaredAttributes = {};
  for (const [field, path] of Object.entries(paths) as Array<[DesiredField, string]>) {
    const perZone = field === 'nodeCount' && pool.perZone?.nodeCount !== undefined;
    if (pool[field] !== undefined || perZone) declared[field] = path;
  }
  if (pool.perZone) pool.perZone = definedOnly(pool.perZone);
  if (pool.target) pool.target = definedOnly(pool.target);
  return { ...pool, declared };
}
