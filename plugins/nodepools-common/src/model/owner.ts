import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { OwnerSource, PoolSpec } from './pool';

/** Which tag and label keys name a pool's owner, first match wins. */
export interface OwnerKeys {
  tagKeys: string[];
  labelKeys: string[];
}

export const DEFAULT_OWNER_KEYS: OwnerKeys = {
  tagKeys: ['owner', 'team', 'backstage.io/owner'],
  labelKeys: ['owner', 'team', 'backstage.io/owner'],
};

/**
 * Whether a pool's owner is someone the catalog knows:
 * - `known`: a catalog Group or User;
 * - `unknown`: no such entity, or an entity of another kind (a finding);
 * - `none`: the pool has no owner (a finding);
 * - `unchecked`: not looked up yet, or the catalog could not be asked.
 */
export const OWNER_STATUSES = ['known', 'unknown', 'none', 'unchecked'] as const;
export type OwnerStatus = (typeof OWNER_STATUSES)[number];

/** Kinds an owner may be: `spec.owner` of catalog entities names a group or a user. */
export const OWNER_KINDS: readonly string[] = ['group', 'user'];

/**
 * Turns an owner value into a catalog entity ref, as Backstage reads
 * `spec.owner`: a bare name is a group in the default namespace, and
 * `user:jane` a user there. Lower case, as the catalog compares refs.
 * Throws an Error naming the value when it is not an entity ref (an empty
 * kind, namespace or name: `group:`, `:x`, `a/`).
 */
export function toOwnerRef(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new Error('An owner must not be empty');
  try {
    return stringifyEntityRef(
      parseEntityRef(trimmed, { defaultKind: 'group', defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new Error(`'${value}' is not an entity ref: ${(error as Error).message}`);
  }
}

/** `toOwnerRef`, or undefined for a value that is not an entity ref. */
export function tryOwnerRef(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    return toOwnerRef(value);
  } catch {
    return undefined;
  }
}

/**
 * The owner a pool's own tags or labels name, with where it came from. A
 * value that is not an entity ref (`team:` with nothing after it) names no
 * one: the next key is tried.
 */
export function ownerFromPool(
  pool: Pick<PoolSpec, 'tags' | 'labels'>,
  keys: OwnerKeys = DEFAULT_OWNER_KEYS,
): { owner: string; ownerSource: OwnerSource } | undefined {
  for (const key of keys.tagKeys) {
    const owner = tryOwnerRef(pool.tags[key]);
    if (owner) return { owner, ownerSource: 'tag' };
  }
  for (const key of keys.labelKeys) {
    const owner = tryOwnerRef(pool.labels[key]);
    if (owner) return { owner, ownerSource: 'label' };
  }
  return undefined;
}
