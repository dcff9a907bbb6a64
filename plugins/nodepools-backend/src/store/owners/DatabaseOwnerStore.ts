import type { Knex } from 'knex';
import {
  clusterRef,
  parseClusterRef,
  type CatalogClusterEntity,
} from '@nodepools/plugin-nodepools-common';
import { bumpListingVersion } from '../listing/listingVersion';
import { chunks } from '../sync/chunks';
import type { OwnerRefStatus, OwnerStore } from './OwnerStore';

export class DatabaseOwnerStore implements OwnerStore {
  constructor(private readonly db: Knex) {}

  async listCatalogClusters(): Promise<CatalogClusterEntity[]> {
    const rows: Array<{ entity_ref: string; cluster: string; owner: string | null }> = await this.db(
      'nodepools_catalog_clusters',
    ).orderBy('entity_ref');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      cluster: parseClusterRef(row.cluster),
      ...(row.owner ? { owner: row.owner } : {}),
    }));
  }

  async replaceCatalogClusters(entities: CatalogClusterEntity[], at: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('nodepools_catalog_clusters').delete();
      for (const part of chunks(entities)) {
        await tx('nodepools_catalog_clusters').insert(
          part.map(entity => ({
            entity_ref: entity.entityRef,
            cluster: clusterRef(entity.cluster),
            owner: entity.owner ?? null,
            checked_at: at,
          })),
        );
      }
    });
  }

  async listPoolOwners(): Promise<string[]> {
    const rows: Array<{ owner: string }> = await this.db('nodepools_pools')
      .whereNull('tombstoned_at')
      .whereNotNull('owner')
      .distinct('owner')
      .orderBy('owner');
    return rows.map(row => row.owner);
  }

  async replaceOwnerStatuses(statuses: OwnerRefStatus[], at: string): Promise<void> {
    await this.db.transaction(async tx => {
      const before: Array<{ owner_ref: string; status: string }> = await tx(
        'nodepools_owner_refs',
      ).select('owner_ref', 'status');
      const was = new Map(before.map(row => [row.owner_ref, row.status]));
      // Listed pools carry their owner's status: a change of any is a change of the listing.
      const changed =
        was.size !== statuses.length || statuses.some(s => was.get(s.ownerRef) !== s.status);
      await tx('nodepools_owner_refs').delete();
      for (const part of chunks(statuses)) {
        await tx('nodepools_owner_refs').insert(
          part.map(status => ({
            owner_ref: status.ownerRef,
            status: status.status,
            kind: status.kind ?? null,
            checked_at: at,
          })),
        );
      }
      if (changed) await bumpListingVersion(tx);
    });
  }
}
