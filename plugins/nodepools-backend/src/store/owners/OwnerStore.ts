import type { CatalogClusterEntity } from '@nodepools/plugin-nodepools-common';

/** What the catalog said of one owner ref. */
export interface OwnerRefStatus {
  ownerRef: string;
  status: 'known' | 'unknown';
  /** The kind of the entity found, when one was (a Component is found but not an owner). */
  kind?: string;
}

/**
 * What the catalog says about pools' owners: its own cluster entities
 * (whose owner a pool without one takes) and whether each owner is a
 * Group or User. Written by the catalog ownership task only.
 */
export interface OwnerStore {
  /** The catalog's `kubernetes-cluster` Resources, as last read. */
  listCatalogClusters(): Promise<CatalogClusterEntity[]>;
  /** Replaces the cluster entities with what the catalog has now. */
  replaceCatalogClusters(entities: CatalogClusterEntity[], at: string): Promise<void>;
  /** The distinct owners of the live pools. */
  listPoolOwners(): Promise<string[]>;
  /** Replaces the owner statuses; owners no pool has any more are forgotten. */
  replaceOwnerStatuses(statuses: OwnerRefStatus[], at: string): Promise<void>;
}
