import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { childGroupRefs } from '../lib/entityPools';

/** Enough for any org chart; bounds the requests a cyclic hierarchy could make. */
const MAX_GROUPS = 1000;

/**
 * The group and every group below it, by ref, read level by level from the
 * catalog (its `parentOf` relations). Nothing is read while `enabled` is false.
 */
export function useDescendantGroups(entity: Entity, enabled: boolean) {
  const catalogApi = useApi(catalogApiRef);
  const self = stringifyEntityRef(entity);
  return useAsync(async (): Promise<string[]> => {
    if (!enabled) return [self];
    const seen = new Set([self]);
    let frontier = childGroupRefs(entity).filter(ref => !seen.has(ref));
    while (frontier.length && seen.size < MAX_GROUPS) {
      frontier.forEach(ref => seen.add(ref));
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: frontier,
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      });
      frontier = items
        .flatMap(child => (child ? childGroupRefs(child) : []))
        .filter(ref => !seen.has(ref));
    }
    return [...seen];
  }, [catalogApi, self, enabled]);
}
