import type { MachineCloud } from '../machines/types';
import { AZURE_LINUX_PRICES, AZURE_PRICE_REGIONS } from './data/azure';
import { DIGITALOCEAN_MONTHLY_PRICES } from './data/digitalocean';
import { EC2_ON_DEMAND_US_EAST_1 } from './data/ec2';
import { GCE_PRICES_US_CENTRAL1 } from './data/gce';
import { HOURS_PER_MONTH } from './types';

/** The region whose prices each cloud's table holds; DigitalOcean prices every region alike. */
export const REFERENCE_REGIONS: Record<MachineCloud, string> = {
  aws: 'us-east-1',
  gcp: 'us-central1',
  azure: 'eastus',
  digitalocean: 'any',
};

/** DigitalOcean bills a node by the hour up to 672 hours (28 days) a month. */
export const DIGITALOCEAN_HOURS_PER_MONTH = 672;

/** Hours of a month that a cloud bills for a node or control plane running all month. */
export function billedHoursPerMonth(cloud: MachineCloud): number {
  return cloud === 'digitalocean' ? DIGITALOCEAN_HOURS_PER_MONTH : HOURS_PER_MONTH;
}

/** A bundled list price. */
export interface ListPrice {
  /** On-demand Linux, USD per hour. */
  hourly: number;
  /** Spot, USD per hour, where the source has it. */
  spotHourly?: number;
  /** The region the figures are for. */
  region: string;
  /** True when the figures are the asked region's own (or the cloud prices every region alike); false for an unknown region. */
  regionPriced: boolean;
}

/**
 * A region as the tables key it: AWS and GCP zones lose their zone suffix
 * (`us-east-1a`, `us-central1-b`), Azure display names lose case and spaces
 * (`East US` -> `eastus`).
 */
export function normalizeRegion(cloud: MachineCloud, region: string | undefined): string | undefined {
  const trimmed = region?.trim();
  if (!trimmed) return undefined;
  switch (cloud) {
    case 'aws':
      return trimmed.toLowerCase().replace(/^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/, '$1');
    case 'gcp':
      return trimmed.toLowerCase().replace(/^([a-z]+-[a-z]+\d+)-[a-z]$/, '$1');
    case 'azure':
      return trimmed.toLowerCase().replace(/\s+/g, '');
    default:
      return trimmed.toLowerCase();
  }
}

type Table = Map<string, { hourly: number; spotHourly?: number }>;

let tables: Record<'aws' | 'gcp' | 'digitalocean', Table> | undefined;
let azure: { regions: Map<string, number>; prices: Map<string, readonly (number | null)[]> } | undefined;

function bundledTables() {
  tables ??= {
    aws: new Map(EC2_ON_DEMAND_US_EAST_1.map(([name, hourly]) => [name, { hourly }])),
    gcp: new Map(
      GCE_PRICES_US_CENTRAL1.map(([name, hourly, spotHourly]) => [name, { hourly, spotHourly }]),
    ),
    digitalocean: new Map(
      DIGITALOCEAN_MONTHLY_PRICES.map(([name, monthly]) => [
        name,
        { hourly: monthly / DIGITALOCEAN_HOURS_PER_MONTH },
      ]),
    ),
  };
  return tables;
}

function azureTable() {
  azure ??= {
    regions: new Map(AZURE_PRICE_REGIONS.map((region, index) => [region, index])),
    prices: new Map(AZURE_LINUX_PRICES),
  };
  return azure;
}

/**
 * The bundled list price of a machine type in a region (already normalized),
 * falling back to the reference region's price when the region has none.
 */
export function bundledListPrice(
  cloud: MachineCloud,
  name: string,
  region: string | undefined,
): ListPrice | undefined {
  const reference = REFERENCE_REGIONS[cloud];
  if (cloud === 'azure') {
    const { regions, prices } = azureTable();
    const row = prices.get(name);
    if (!row) return undefined;
    const index = region === undefined ? undefined : regions.get(region);
    const regional = index === undefined ? null : row[index];
    if (regional !== null && regional !== undefined) {
      return { hourly: regional, region: region!, regionPriced: true };
    }
    const base = row[0];
    if (base === null) return undefined;
    return { hourly: base, region: reference, regionPriced: region === reference };
  }
  const row = bundledTables()[cloud].get(name);
  if (!row) return undefined;
  const regionPriced = cloud === 'digitalocean' || region === reference;
  return {
    ...row,
    region: cloud === 'digitalocean' ? region ?? reference : reference,
    regionPriced,
  };
}

/** Names of every bundled price row of a cloud. */
export function bundledPricedTypes(cloud: MachineCloud): string[] {
  if (cloud === 'azure') return [...azureTable().prices.keys()];
  return [...bundledTables()[cloud].keys()];
}
