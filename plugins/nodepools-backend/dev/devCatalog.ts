import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** The groups that own the sample inventory's pools, plus the platform team. */
const SAMPLE_GROUPS = [
  'platform',
  'team-checkout',
  'team-data',
  'team-finance',
  'team-ledger',
  'team-legacy',
  'team-ml',
  'team-payments',
  'team-risk',
  'team-search',
];

/**
 * The dev backend runs no catalog backend. Pool requests check that their
 * owner is a catalog group; this in-memory catalog holds the sample
 * inventory's groups so requests can be tried (and tested end to end)
 * with `npm start`.
 */
export function devCatalog() {
  const entities: Entity[] = SAMPLE_GROUPS.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  }));
  return catalogServiceMock.factory({ entities });
}
