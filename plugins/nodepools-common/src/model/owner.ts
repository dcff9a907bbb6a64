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
 * Turns an owner value into a catalog entity ref. A bare name is a group in
 * the default namespace, as Backstage reads `spec.owner`.
 */
export function toOwnerRef(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) return trimmed;
  const hasKind = /^[a-zA-Z][\w-]*:/.test(trimmed);
  const withKind = hasKind ? trimmed : `group:${trimmed}`;
  const [kind, rest] = [
    withKind.slice(0, withKind.indexOf(':')),
    withKind.slice(withKind.indexOf(':') + 1),
  ];
  const ref = rest.includes('/') ? rest : `default/${rest}`;
  return `${kind.toLocaleLowerCase('en-US')}:${ref}`.toLocaleLowerCase('en-US');
}

/** The owner a pool's own tags or labels name, with where it came from. */
export function ownerFromPool(
  pool: Pick<PoolSpec, 'tags' | 'labels'>,
  keys: OwnerKeys = DEFAULT_OWNER_KEYS,
): { owner: string; ownerSource: OwnerSource } | undefined {
  for (const key of keys.tagKeys) {
    const value = pool.tags[key];
    if (value?.trim()) return { owner: toOwnerRef(value), ownerSource: 'tag' };
  }
  for (const key of keys.labelKeys) {
    const value = pool.labels[key];
    if (value?.trim()) return { owner: toOwnerRef(value), ownerSource: 'label' };
  }
  return undefined;
}
