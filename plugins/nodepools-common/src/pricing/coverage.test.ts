import { bundledMachineTypes, defaultMachineCatalog } from '../machines/catalog';
import { MACHINE_CLOUDS } from '../machines/types';
import { AZURE_LINUX_PRICES, AZURE_PRICE_REGIONS } from './data/azure';
import { CONTROL_PLANE_FEES } from './data/controlPlane';
import { DIGITALOCEAN_MONTHLY_PRICES } from './data/digitalocean';
import { EC2_ON_DEMAND_US_EAST_1 } from './data/ec2';
import { GCE_PRICES_US_CENTRAL1 } from './data/gce';
import { PRICED_TYPES_NOT_IN_CATALOG, UNPRICED_CATALOG_TYPES, priceCoverage } from './coverage';
import { bundledPricedTypes } from './table';

const catalog = defaultMachineCatalog();

describe.each(MACHINE_CLOUDS)('%s price rows', cloud => {
  const priced = bundledPricedTypes(cloud);

  it('name machine types of the catalog (or are listed as not in it yet)', () => {
    const missing = priced.filter(name => !catalog.get(cloud, name));
    expect(missing).toEqual([...PRICED_TYPES_NOT_IN_CATALOG[cloud]]);
  });

  it('cover every catalog type but the ones listed as unpriced', () => {
    const unpriced = catalog.list(cloud).map(t => t.name).filter(name => !priced.includes(name));
    expect(unpriced.sort()).toEqual([...UNPRICED_CATALOG_TYPES[cloud]].sort());
  });

  it('list no unpriced type twice or one the catalog lacks', () => {
    const listed = UNPRICED_CATALOG_TYPES[cloud];
    expect(new Set(listed).size).toBe(listed.length);
    for (const name of listed) expect(catalog.get(cloud, name)).toBeDefined();
  });

  it('have one row per type', () => {
    expect(new Set(priced).size).toBe(priced.length);
  });
});

describe('the bundled figures', () => {
  it('are positive dollar amounts', () => {
    for (const [, hourly] of EC2_ON_DEMAND_US_EAST_1) expect(hourly).toBeGreaterThan(0);
    for (const [, monthly] of DIGITALOCEAN_MONTHLY_PRICES) expect(monthly).toBeGreaterThan(0);
    for (const [, hourly, spot] of GCE_PRICES_US_CENTRAL1) {
      expect(hourly).toBeGreaterThan(0);
      expect(spot).toBeGreaterThan(0);
      expect(spot).toBeLessThan(hourly);
    }
  });

  it('have one Azure price per region, eastus first and always present', () => {
    expect(AZURE_PRICE_REGIONS[0]).toBe('eastus');
    expect(new Set(AZURE_PRICE_REGIONS).size).toBe(AZURE_PRICE_REGIONS.length);
    for (const [, prices] of AZURE_LINUX_PRICES) {
      expect(prices).toHaveLength(AZURE_PRICE_REGIONS.length);
      expect(prices[0]).toBeGreaterThan(0);
      expect(prices.filter(price => price !== null && !(price > 0))).toEqual([]);
    }
  });

  it('have one control-plane fee per cloud and tier', () => {
    const keys = CONTROL_PLANE_FEES.map(fee => `${fee.cloud}/${fee.tier}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const cloud of MACHINE_CLOUDS) expect(keys.some(key => key.startsWith(`${cloud}/`))).toBe(true);
  });
});

describe('priceCoverage', () => {
  it('counts the priced catalog types per cloud', () => {
    const coverage = priceCoverage(catalog);
    for (const row of coverage) {
      expect(row.catalogTypes).toBe(bundledMachineTypes().filter(t => t.cloud === row.cloud).length);
      expect(row.pricedTypes + row.unpriced.length).toBe(row.catalogTypes);
      expect(row.unpriced.sort()).toEqual([...UNPRICED_CATALOG_TYPES[row.cloud]].sort());
    }
  });
});
