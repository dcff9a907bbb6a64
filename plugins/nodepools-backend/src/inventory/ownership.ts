import type { Config } from '@backstage/config';
import {
  DEFAULT_OWNER_KEYS,
  OwnerKeys,
  OwnerSource,
  PoolSpec,
  ownerFromPool,
  toOwnerRef,
} from '@nodepools/plugin-nodepools-common';

/** Assigns an owner to every pool matching all the given fields (`*` globs allowed). */
export interface OwnershipRule {
  provider?: string;
  account?: string;
  region?: string;
  cluster?: string;
  pool?: string;
  owner: string;
}

export interface OwnershipConfig {
  keys: OwnerKeys;
  rules: OwnershipRule[];
}

const RULE_FIELDS = ['provider', 'account', 'region', 'cluster', 'pool'] as const;

export function readOwnershipConfig(config: Config): OwnershipConfig {
  const ownership = config.getOptionalConfig('nodepools.ownership');
  return {
    keys: {
      tagKeys:
        ownership?.getOptionalStringArray('tagKeys') ??
        DEFAULT_OWNER_KEYS.tagKeys,
      labelKeys:
        ownership?.getOptionalStringArray('labelKeys') ??
        DEFAULT_OWNER_KEYS.labelKeys,
    },
    rules: (ownership?.getOptionalConfigArray('rules') ?? []).map(rule => ({
      owner: rule.getString('owner'),
      ...Object.fromEntries(
        RULE_FIELDS.flatMap(field => {
          const value = rule.getOptionalString(field);
          return value === undefined ? [] : [[field, value]];
        }),
      ),
    })),
  };
}

function globMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i').test(value);
}

function ruleMatches(rule: OwnershipRule, spec: PoolSpec): boolean {
  const values: Record<(typeof RULE_FIELDS)[number], string | undefined> = {
    provider: spec.provider,
    account: spec.account,
    region: spec.region,
    cluster: spec.cluster,
    pool: spec.name,
  };
  return RULE_FIELDS.every(
    field => rule[field] === undefined || globMatches(rule[field]!, values[field]),
  );
}

/**
 * Owners known outside the pool's own record, consulted after config,
 * tags and labels. Loaded once per sync run.
 */
export interface OwnerHints {
  /**
   * The owner of an approved request for the pool (pool requests, a later
   * feature: it supplies this hook), as an entity ref.
   */
  requestedOwner?(pool: PoolSpec): string | undefined;
  /** The owner of the catalog entity that stands for the pool's cluster, as an entity ref. */
  clusterOwner?(pool: PoolSpec): string | undefined;
}

/**
 * The owner of a pool. Precedence: an explicit config rule (an admin's word
 * beats what anyone tagged), then the pool's tags, then its labels, then
 * the owner an approved request named, then the owner of the catalog
 * entity of its cluster.
 */
export function resolveOwner(
  spec: PoolSpec,
  ownership: OwnershipConfig,
  hints: OwnerHints = {},
): { owner: string; ownerSource: OwnerSource } | undefined {
  const rule = ownership.rules.find(r => ruleMatches(r, spec));
  if (rule) return { owner: toOwnerRef(rule.owner), ownerSource: 'config' };
  const own = ownerFromPool(spec, ownership.keys);
  if (own) return own;
  const requested = hints.requestedOwner?.(spec);
  if (requested) return { owner: requested, ownerSource: 'request' };
  const clusterOwner = hints.clusterOwner?.(spec);
  if (clusterOwner) return { owner: clusterOwner, ownerSource: 'catalog' };
  return undefined;
}
