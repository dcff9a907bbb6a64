import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  clusterOfClusterEntity,
  isEmittedByNodePools,
  KUBERNETES_CLUSTER_ENTITY_TYPE,
  OWNER_KINDS,
  type CatalogClusterEntity,
} from '@nodepools/plugin-nodepools-common';
import type { OwnerRefStatus } from '../store/owners/OwnerStore';

/** Refs per catalog request: the catalog reads them in one query each. */
const REFS_PER_REQUEST = 500;

/** `spec.owner` as an entity ref, read the way the catalog reads it: relative to the entity's namespace. */
function ownerRefOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** Reads the catalog as this plugin, through the catalog service. */
export class CatalogLookups {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /**
   * The catalog's own `kubernetes-cluster` Resources with the cluster each
   * stands for and its owner; those the nodepools catalog module emitted
   * are left out (their owner is not anyone's word).
   */
  async clusterEntities(): Promise<CatalogClusterEntity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Resource', 'spec.type': KUBERNETES_CLUSTER_ENTITY_TYPE },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.owner'],
      },
      { credentials },
    );
    return items
      .filter(entity => !isEmittedByNodePools(entity.metadata.annotations))
      .map(entity => {
        const owner = ownerRefOf(entity);
        return {
          entityRef: stringifyEntityRef(entity),
          cluster: clusterOfClusterEntity(entity),
          ...(owner ? { owner } : {}),
        };
      });
  }

  /** Whether each owner ref is a catalog Group or User. */
  async ownerStatuses(ownerRefs: string[]): Promise<OwnerRefStatus[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const statuses: OwnerRefStatus[] = [];
    for (let i = 0; i < ownerRefs.length; i += REFS_PER_REQUEST) {
      const refs = ownerRefs.slice(i, i + REFS_PER_REQUEST);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['kind', 'metadata.name', 'metadata.namespace'] },
        { credentials },
      );
      refs.forEach((ownerRef, index) => {
        const kind = items[index]?.kind;
        const known = kind !== undefined && OWNER_KINDS.includes(kind.toLocaleLowerCase('en-US'));
        statuses.push({ ownerRef, status: known ? 'known' : 'unknown', ...(kind ? { kind } : {}) });
      });
    }
    return statuses;
  }
}
