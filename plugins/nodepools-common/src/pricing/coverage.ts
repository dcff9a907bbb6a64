import { defaultMachineCatalog, type MachineCatalog } from '../machines/catalog';
import { MACHINE_CLOUDS, type MachineCloud } from '../machines/types';
import { bundledPricedTypes } from './table';

/**
 * Catalog types for which no public source with a price was found: pools of
 * these types are priced only through `nodepools.pricing`.
 */
export const UNPRICED_CATALOG_TYPES: Readonly<Record<MachineCloud, readonly string[]>> = {
  aws: [],
  // Not in the cluster autoscaler's GCE price table.
  gcp: [
    ...[1, 2, 4, 8, 16, 32, 48].map(n => `t2a-standard-${n}`),
    ...['standard', 'highcpu', 'highmem'].flatMap(shape =>
      [1, 2, 4, 8, 16, 32, 48, 64, 72].map(n => `c4a-${shape}-${n}`),
    ),
    'a3-highgpu-8g',
  ],
  azure: [],
  digitalocean: [],
};

/**
 * Price rows whose type the catalog does not have (kept while the catalog
 * catches up); the coverage test fails on any other such row.
 */
export const PRICED_TYPES_NOT_IN_CATALOG: Readonly<Record<MachineCloud, readonly string[]>> = {
  aws: [],
  gcp: [],
  azure: [],
  digitalocean: [],
};

export interface PriceCoverage {
  cloud: MachineCloud;
  catalogTypes: number;
  pricedTypes: number;
  /** Catalog types without a bundled price. */
  unpriced: string[];
}

/** How many of a catalog's types each cloud's bundled tables price. */
export function priceCoverage(catalog: MachineCatalog = defaultMachineCatalog()): PriceCoverage[] {
  return MACHINE_CLOUDS.map(cloud => {
    const priced = new Set(bundledPricedTypes(cloud));
    const types = catalog.list(cloud).map(type => type.name);
    const unpriced = types.filter(name => !priced.has(name));
    return {
      cloud,
      catalogTypes: types.length,
      pricedTypes: types.length - unpriced.length,
      unpriced,
    };
  });
}
